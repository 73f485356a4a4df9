// One Pod on the local "node": bound to the node, given its own loopback address, its volumes laid out
// (pod-volumes.ts; a missing Secret or ConfigMap keeps it ContainerCreating with kubelet's FailedMount event,
// retried until it appears), its containers run as processes inside the pod sandbox (pod-sandbox.ts: its own
// address, every port, an end with the cluster), and its status written back whenever a container changes.
// terminate() stops the processes (SIGTERM, SIGKILL after the grace period capped at 5 s), removes the
// volumes and frees the address.
import path from 'node:path';
import type { ObjectStore } from '../store/object-store-contract.ts';
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { resolveContainerEnv } from './container-env.ts';
import { ContainerRunner, type ContainerRunnerOptions } from './container-runner.ts';
import type { EventSink } from './event-recorder.ts';
import type { ImageCatalog } from './image-catalog.ts';
import type { Container, Pod } from './kube-shapes.ts';
import type { Borrower } from './listener-loan.ts';
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { envLookupsIn, volumeLookupsIn } from './namespace-objects.ts';
import type { RecordedProcess } from './pid-file.ts';
import type { PodPortMapping } from './pod-port-mapping.ts';
import { encodeSandboxConfig, POD_SANDBOX_ENV } from './pod-sandbox-config.ts';
import { computePodStatus, creatingContainerStatus, qosClassOf } from './pod-status.ts';
import { POD_ROOT_ENV, PodVolumes } from './pod-volumes.ts';
import { PODS } from './resource-keys.ts';
import { isConflict, isNotFound, writeStatusIfChanged } from './store-writes.ts';

const MAX_GRACE_MS = 5000;
/** Retries of a volume that cannot be laid out yet: 0.5 s doubling to 2 s (kubelet's 0.5 s to 2 min, shortened for a local loop). */
const MOUNT_RETRY_FIRST_MS = 500;
const MOUNT_RETRY_MAX_MS = 2000;
/** Loaded before each container's script: see pod-sandbox.ts. */
const POD_SANDBOX_MODULE = new URL('./pod-sandbox.ts', import.meta.url).href;

/** The node's side of pod networking. */
export interface NodeNetwork {
  /** The node's address: each pod's hostIP. */
  nodeAddress: string;
  mapping: PodPortMapping;
  /** The cluster's address claim (cluster-network.ts), inherited by every pod process; -1 for none. */
  claimFd: number;
}
const STATUS_WRITE_ATTEMPTS = 5;

export interface PodWorkerContext {
  store: ObjectStore;
  addresses: LoopbackAddressAllocator;
  network: NodeNetwork;
  nodeName: string;
  logDir: string;
  /** Each pod's volumes and container roots go to <podsDir>/<uid>. */
  podsDir: string;
  kubeconfigForPods: string;
  images: ImageCatalog;
  /** Where pod processes run (their working directory). */
  workingDirectory: string;
  onProcessesChanged: () => void;
  /** kubelet's events */
  events: EventSink;
  /** the scheduler's events (Scheduled) */
  schedulerEvents: EventSink;
  log: (line: string) => void;
}

export class PodWorker {
  readonly #context: PodWorkerContext;
  readonly #namespace: string;
  readonly #name: string;
  readonly #uid: string;
  #pod: Pod;
  #podIP: string | undefined;
  #startTime = '';
  #runners: ContainerRunner[] = [];
  readonly #volumes: PodVolumes;
  /** Until the volumes are laid out, no container runs (they wait in ContainerCreating). */
  #volumesReady = false;
  #mountRetry: NodeJS.Timeout | undefined;
  #mountRetryMs = MOUNT_RETRY_FIRST_MS;
  #statusWriteQueued = false;
  #terminated: Promise<void> | undefined;

  constructor(context: PodWorkerContext, pod: Pod) {
    this.#context = context;
    this.#pod = pod;
    this.#namespace = pod.metadata.namespace ?? 'default';
    this.#name = pod.metadata.name;
    this.#uid = pod.metadata.uid ?? '';
    this.#volumes = new PodVolumes(path.join(context.podsDir, this.#uid));
  }

  /** The running container processes, for the kubelet's record of what to stop after a crash. */
  get processes(): RecordedProcess[] {
    return this.#runners.flatMap((r) => (r.process ? [r.process] : []));
  }

  /** The running container processes that may borrow a Service listener (listener-loan.ts). */
  get borrowers(): Borrower[] {
    const podIP = this.#podIP;
    if (podIP === undefined || this.#terminated) return [];
    return this.#runners.flatMap((runner) => (runner.channel ? [{ podIP, process: runner.channel }] : []));
  }

  start(): void {
    this.#bind();
    this.#podIP = this.#context.addresses.allocate();
    this.#startTime = rfc3339Seconds();
    this.#mountThenRun();
    this.#queueStatusWrite();
  }

  /** Lays out the volumes, then starts the containers; while a volume cannot be laid out, retries. */
  #mountThenRun(): void {
    this.#mountRetry = undefined;
    if (this.#terminated) return;
    const failures = this.#volumes.setUp(this.#pod.spec.volumes ?? [], volumeLookupsIn(this.#context.store, this.#namespace));
    if (failures.length > 0) {
      for (const failure of failures) {
        const message = `MountVolume.SetUp failed for volume "${failure.volume}" : ${failure.message}`;
        this.#context.events.record(this.#pod, 'Warning', 'FailedMount', message);
      }
      this.#mountRetry = setTimeout(() => this.#mountThenRun(), this.#mountRetryMs);
      this.#mountRetryMs = Math.min(this.#mountRetryMs * 2, MOUNT_RETRY_MAX_MS);
      return;
    }
    this.#volumesReady = true;
    this.#runContainers();
  }

  #runContainers(): void {
    const restartPolicy = this.#pod.spec.restartPolicy ?? 'Always';
    this.#runners = this.#pod.spec.containers.map(
      (container) =>
        new ContainerRunner({
          container,
          launch: this.#launchFor(container),
          podDescription: `${this.#name}_${this.#namespace}(${this.#uid})`,
          podIP: this.#podIP ?? this.#context.network.nodeAddress,
          hostPortOf: (host, port) => this.#context.network.mapping.hostPort(host, port),
          restartPolicy,
          graceMs: this.#graceMs(),
          onChange: () => {
            this.#context.onProcessesChanged();
            this.#queueStatusWrite();
          },
          onEvent: (type, reason, message) =>
            this.#context.events.record(this.#pod, type, reason, message, `spec.containers{${container.name}}`),
          log: this.#context.log,
        }),
    );
    for (const runner of this.#runners) runner.start();
    this.#queueStatusWrite();
  }

  /** Stops every container: SIGTERM, SIGKILL after `graceSeconds` (default the Pod's own), capped at 5 s. */
  terminate(graceSeconds?: number): Promise<void> {
    this.#terminated ??= (async () => {
      const graceMs = graceSeconds === undefined ? this.#graceMs() : Math.min(graceSeconds * 1000, MAX_GRACE_MS);
      clearTimeout(this.#mountRetry);
      await Promise.all(this.#runners.map((runner) => runner.stop(graceMs)));
      this.#volumes.tearDown();
      // Only now no process holds the address: it may go to another pod.
      if (this.#podIP) this.#context.addresses.release(this.#podIP);
      this.#context.onProcessesChanged();
    })();
    return this.#terminated;
  }

  /** terminationGracePeriodSeconds (default 30), capped at 5 s so a local teardown stays quick. */
  #graceMs(): number {
    return Math.min((this.#pod.spec.terminationGracePeriodSeconds ?? 30) * 1000, MAX_GRACE_MS);
  }

  /** The scheduler's job: this node is the only node. */
  #bind(): void {
    if (this.#pod.spec.nodeName) return;
    const bound = { ...this.#pod, spec: { ...this.#pod.spec, nodeName: this.#context.nodeName } };
    this.#pod = this.#context.store.update(PODS, bound) as Pod;
    const message = `Successfully assigned ${this.#namespace}/${this.#name} to ${this.#context.nodeName}`;
    this.#context.schedulerEvents.record(this.#pod, 'Normal', 'Scheduled', message);
  }

  /** `command` is ignored: an image's entrypoint is its script, so only `args` reach the process. */
  #launchFor(container: Container): ContainerRunnerOptions['launch'] {
    const image = this.#context.images.resolve(container.image ?? '');
    if ('refusal' in image) return { reason: 'ErrImagePull', message: image.refusal };
    const { network } = this.#context;
    const podIP = this.#podIP ?? network.nodeAddress;
    const resolved = resolveContainerEnv(container, this.#pod, { podIP, hostIP: network.nodeAddress }, envLookupsIn(this.#context.store, this.#namespace));
    if (!resolved.ok) return { reason: 'CreateContainerConfigError', message: resolved.message };
    const root = this.#volumes.rootFor(container, resolved.env);
    if ('message' in root) return { reason: 'CreateContainerConfigError', message: root.message };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/',
      HOSTNAME: this.#name,
      ...resolved.env,
      POD_IP: podIP,
      [POD_ROOT_ENV]: root.root,
      KUBECONFIG: this.#context.kubeconfigForPods,
      [POD_SANDBOX_ENV]: encodeSandboxConfig({
        podIP,
        pods: network.mapping.pods.toJSON(),
        mappedBelow: network.mapping.mappedBelow,
        kubeletPid: process.pid,
      }),
    };
    return {
      script: image.script,
      args: resolved.args,
      nodeOptions: ['--import', POD_SANDBOX_MODULE],
      inheritedFds: network.claimFd >= 0 ? [network.claimFd] : [],
      env,
      cwd: this.#context.workingDirectory,
      logPath: path.join(this.#context.logDir, `${this.#namespace}_${this.#name}.log`),
    };
  }

  #queueStatusWrite(): void {
    if (this.#statusWriteQueued || this.#terminated) return;
    this.#statusWriteQueued = true;
    setImmediate(() => {
      this.#statusWriteQueued = false;
      if (!this.#terminated) this.#writeStatus();
    });
  }

  #writeStatus(): void {
    for (let attempt = 1; attempt <= STATUS_WRITE_ATTEMPTS; attempt++) {
      const current = this.#context.store.get(PODS, this.#namespace, this.#name) as Pod | undefined;
      if (!current || current.metadata.uid !== this.#uid) return; // deleted: terminate() follows
      const status = computePodStatus(
        {
          podIP: this.#podIP ?? '',
          hostIP: this.#context.network.nodeAddress,
          startTime: this.#startTime,
          restartPolicy: this.#pod.spec.restartPolicy ?? 'Always',
          sandboxReady: this.#volumesReady,
          containers: this.#volumesReady ? this.#runners.map((r) => r.status()) : this.#pod.spec.containers.map(creatingContainerStatus),
          qosClass: qosClassOf(this.#pod),
        },
        current.status,
      );
      try {
        writeStatusIfChanged(this.#context.store, PODS, current, status);
        return;
      } catch (error) {
        if (isNotFound(error)) return;
        if (!isConflict(error) || attempt === STATUS_WRITE_ATTEMPTS) {
          this.#context.log(`kubelet: status of pod ${this.#namespace}/${this.#name} not written: ${String(error)}`);
          return;
        }
      }
    }
  }
}
