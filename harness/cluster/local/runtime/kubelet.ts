// The local kubelet: watches Pods and runs each one (a PodWorker) on this host, stops it when the Pod is
// deleted or marked for deletion, and keeps `<stateDir>/pids` current.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ObjectStore, WatchEvent } from '../store/object-store-contract.ts';
import { EventRecorder } from './event-recorder.ts';
import type { Pod } from './kube-shapes.ts';
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { PidFile } from './pid-file.ts';
import { PodWorker } from './pod-worker.ts';
import { PODS } from './resource-keys.ts';

export const NODE_NAME = 'gauntlet-local';

export interface KubeletOptions {
  store: ObjectStore;
  addresses: LoopbackAddressAllocator;
  stateDir: string;
  kubeconfigForPods: string;
  repositoryRoot: string;
  log: (line: string) => void;
}

export interface Kubelet {
  stop(): Promise<void>;
}

export function startKubelet(options: KubeletOptions): Kubelet {
  const logDir = path.join(options.stateDir, 'pods');
  mkdirSync(logDir, { recursive: true });
  const pidFile = new PidFile(options.stateDir);
  const workers = new Map<string, PodWorker>();
  const stopping = new Set<Promise<void>>();
  let stopped = false;

  const recordPids = () => pidFile.write([...workers.values()].flatMap((w) => w.pids));
  const context = {
    store: options.store,
    addresses: options.addresses,
    nodeName: NODE_NAME,
    logDir,
    kubeconfigForPods: options.kubeconfigForPods,
    repositoryRoot: options.repositoryRoot,
    onProcessesChanged: recordPids,
    events: new EventRecorder(options.store, 'kubelet', NODE_NAME),
    schedulerEvents: new EventRecorder(options.store, 'default-scheduler'),
    log: options.log,
  };

  const terminate = (uid: string) => {
    const worker = workers.get(uid);
    if (!worker) return;
    const done = worker.terminate().finally(() => {
      workers.delete(uid);
      stopping.delete(done);
      recordPids();
    });
    stopping.add(done);
  };

  const handle = ({ type, object }: WatchEvent) => {
    const pod = object as Pod;
    const uid = pod.metadata.uid ?? '';
    if (stopped) return;
    if (type === 'DELETED' || pod.metadata.deletionTimestamp) return terminate(uid);
    const phase = pod.status?.phase;
    if (workers.has(uid) || phase === 'Succeeded' || phase === 'Failed') return;
    const worker = new PodWorker(context, pod);
    workers.set(uid, worker);
    try {
      worker.start();
    } catch (error) {
      options.log(`kubelet: pod ${pod.metadata.namespace}/${pod.metadata.name} could not start: ${String(error)}`);
      terminate(uid);
    }
  };
  // Run outside the writer's call stack: a watch callback fires inside someone else's store write.
  const stopWatch = options.store.watch(PODS, undefined, undefined, (event) => setImmediate(() => handle(event)));
  recordPids();

  return {
    async stop() {
      stopped = true;
      stopWatch();
      for (const uid of workers.keys()) terminate(uid);
      await Promise.all(stopping);
      recordPids();
    },
  };
}
