// The local kubelet: registers the node, watches Pods and runs each one (a PodWorker) on this host, and keeps
// `<stateDir>/pids` current; pods' volumes live under `<stateDir>/kubelet/pods/<uid>` while they run. A Pod
// marked for deletion (deletionTimestamp) is stopped within its deletionGracePeriodSeconds and then deleted
// with gracePeriodSeconds 0, which removes it; a Pod removed outright (a forced deletion) is just stopped.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ObjectStore, WatchEvent } from '../store/object-store-contract.ts';
import { EventRecorder } from './event-recorder.ts';
import type { ImageCatalog } from './image-catalog.ts';
import type { Pod } from './kube-shapes.ts';
import type { Borrower } from './listener-loan.ts';
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { registerNode } from './node-registration.ts';
import { PidFile } from './pid-file.ts';
import { type NodeNetwork, PodWorker } from './pod-worker.ts';
import { PODS } from './resource-keys.ts';
import { isNotFound } from './store-writes.ts';

export const NODE_NAME = 'gauntlet-local';

export interface KubeletOptions {
  store: ObjectStore;
  addresses: LoopbackAddressAllocator;
  network: NodeNetwork;
  stateDir: string;
  kubeconfigForPods: string;
  images: ImageCatalog;
  workingDirectory: string;
  log: (line: string) => void;
}

export interface Kubelet {
  /** The pod processes at `podIP` that may borrow a Service listener (listener-loan.ts). */
  borrowersAt(podIP: string): Borrower[];
  stop(): Promise<void>;
}

export function startKubelet(options: KubeletOptions): Kubelet {
  const logDir = path.join(options.stateDir, 'pods');
  mkdirSync(logDir, { recursive: true });
  // Volumes an earlier cluster in this state directory left (killed before its kubelet cleaned up) belong to no pod.
  const podsDir = path.join(options.stateDir, 'kubelet', 'pods');
  rmSync(podsDir, { recursive: true, force: true });
  const pidFile = new PidFile(options.stateDir);
  registerNode(options.store, NODE_NAME, options.network.nodeAddress);
  const workers = new Map<string, PodWorker>();
  /** uids of Pods being stopped for a graceful deletion. */
  const removing = new Set<string>();
  const stopping = new Set<Promise<void>>();
  let stopped = false;

  const recordPids = () => pidFile.write([...workers.values()].flatMap((w) => w.processes));
  const context = {
    store: options.store,
    addresses: options.addresses,
    network: options.network,
    nodeName: NODE_NAME,
    logDir,
    podsDir,
    kubeconfigForPods: options.kubeconfigForPods,
    images: options.images,
    workingDirectory: options.workingDirectory,
    onProcessesChanged: recordPids,
    events: new EventRecorder(options.store, 'kubelet', NODE_NAME),
    schedulerEvents: new EventRecorder(options.store, 'default-scheduler'),
    log: options.log,
  };

  const terminate = (uid: string, graceSeconds?: number): Promise<void> => {
    const worker = workers.get(uid);
    if (!worker) return Promise.resolve();
    const done = worker.terminate(graceSeconds).finally(() => {
      workers.delete(uid);
      stopping.delete(done);
      recordPids();
    });
    stopping.add(done);
    return done;
  };

  /** The kubelet's part of a graceful deletion: stop the containers, then remove the Pod for good. */
  const finishDeletion = (pod: Pod) => {
    const uid = pod.metadata.uid ?? '';
    if (removing.has(uid)) return;
    removing.add(uid);
    const grace = pod.metadata.deletionGracePeriodSeconds;
    void terminate(uid, grace).then(() => {
      removing.delete(uid);
      if (!stopped) removePod(options.store, pod, options.log);
    });
  };

  const handle = ({ type, object }: WatchEvent) => {
    const pod = object as Pod;
    const uid = pod.metadata.uid ?? '';
    if (stopped) return;
    if (type === 'DELETED') return void terminate(uid);
    if (pod.metadata.deletionTimestamp) return finishDeletion(pod);
    const phase = pod.status?.phase;
    if (workers.has(uid) || phase === 'Succeeded' || phase === 'Failed') return;
    const worker = new PodWorker(context, pod);
    workers.set(uid, worker);
    try {
      worker.start();
    } catch (error) {
      options.log(`kubelet: pod ${pod.metadata.namespace}/${pod.metadata.name} could not start: ${String(error)}`);
      void terminate(uid);
    }
  };
  // Run outside the writer's call stack: a watch callback fires inside someone else's store write.
  const stopWatch = options.store.watch(PODS, undefined, undefined, (event) => setImmediate(() => handle(event)));
  recordPids();

  return {
    borrowersAt(podIP) {
      for (const worker of workers.values()) {
        const borrowers = worker.borrowers;
        if (borrowers[0]?.podIP === podIP) return borrowers;
      }
      return [];
    },
    async stop() {
      stopped = true;
      stopWatch();
      for (const uid of workers.keys()) void terminate(uid);
      await Promise.all(stopping);
      recordPids();
    },
  };
}

/** Deletes the Pod with gracePeriodSeconds 0 unless it is already gone or its name now belongs to a new Pod. */
function removePod(store: ObjectStore, pod: Pod, log: (line: string) => void): void {
  const { namespace, name, uid } = pod.metadata;
  if (store.get(PODS, namespace, name)?.metadata.uid !== uid) return;
  try {
    store.delete(PODS, namespace, name, { gracePeriodSeconds: 0 });
  } catch (error) {
    if (!isNotFound(error)) log(`kubelet: pod ${namespace}/${name} stopped but not deleted: ${String(error)}`);
  }
}
