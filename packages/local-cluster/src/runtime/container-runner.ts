// One container of a pod as a local process: `node <entry script> <args...>` with the pod's env, output
// appended to the pod's log file, restarted per restartPolicy with a growing back-off (waiting reason
// CrashLoopBackOff meanwhile), readiness from its readinessProbe (ready once running without one).
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants } from 'node:os';
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { ContainerProber } from './container-prober.ts';
import type { EventType } from './event-recorder.ts';
import type { Container, ContainerState, ContainerStatus } from './kube-shapes.ts';
import type { RecordedProcess } from './pid-file.ts';

export interface ContainerLaunch {
  script: string;
  args: string[];
  /** Node.js options before the script (the pod sandbox's --import). */
  nodeOptions: string[];
  /** File descriptors the process inherits as fd 3, 4, ... (the cluster's address claim). */
  inheritedFds: number[];
  env: Record<string, string>;
  cwd: string;
  logPath: string;
}

export interface ContainerRunnerOptions {
  container: Container;
  /** What to run, or why it cannot run (the waiting reason and message kubelet would show). */
  launch: ContainerLaunch | { reason: string; message: string };
  /** "<pod>_<namespace>(<uid>)", as kubelet names a pod in messages. */
  podDescription: string;
  podIP: string;
  /** Where this host reaches a port of the pod (mapped ports, see pod-port-mapping.ts). */
  hostPortOf: (host: string, port: number) => number;
  restartPolicy: string;
  /** How long a liveness-probe kill waits between SIGTERM and SIGKILL. */
  graceMs: number;
  onChange: () => void;
  /** Kubelet's events about this container (Started, BackOff, Killing, ...). */
  onEvent: (type: EventType, reason: string, message: string) => void;
  log: (line: string) => void;
}

/**
 * Back-off before restart number n: 1 s doubling to 30 s. Deliberately shorter than kubelet's 10 s to
 * 5 min so a local loop recovers fast; reset after the container ran 30 s without exiting.
 */
export function restartBackoffMs(crashes: number): number {
  return Math.min(1000 * 2 ** Math.max(0, crashes - 1), 30_000);
}
const BACKOFF_RESET_MS = 30_000;

export class ContainerRunner {
  readonly #options: ContainerRunnerOptions;
  #state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  #lastState: ContainerState = {};
  #restartCount = 0;
  #crashes = 0;
  #ready = false;
  #child: ChildProcess | undefined;
  #startedAt = '';
  #probers: ContainerProber[] = [];
  #restartTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  #exited: Promise<void> = Promise.resolve();

  constructor(options: ContainerRunnerOptions) {
    this.#options = options;
  }

  /** The running process; undefined between runs (a dead pid must never be recorded: it may be reused). */
  get process(): RecordedProcess | undefined {
    const child = this.#child;
    const launch = this.#options.launch;
    if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined || 'reason' in launch) return undefined;
    return { pid: child.pid, script: launch.script };
  }

  /** The running process with its IPC channel, for listener loans (listener-loan.ts); undefined between runs. */
  get channel(): ChildProcess | undefined {
    return this.process && this.#child?.connected ? this.#child : undefined;
  }

  start(): void {
    const launch = this.#options.launch;
    if ('reason' in launch) {
      const { onEvent, container } = this.#options;
      if (launch.reason === 'ErrImagePull') onEvent('Warning', 'Failed', `Failed to pull image "${container.image ?? ''}": ${launch.message}`);
      onEvent('Warning', 'Failed', launch.reason === 'ErrImagePull' ? 'Error: ErrImagePull' : `Error: ${launch.message}`);
      this.#state = { waiting: { reason: launch.reason, message: launch.message } };
      this.#options.onChange();
      return;
    }
    this.#spawn(launch);
  }

  status(): ContainerStatus {
    const { container } = this.#options;
    const status: ContainerStatus = {
      name: container.name,
      image: container.image ?? '',
      imageID: `gauntlet.local/${container.image ?? ''}`,
      ready: this.#ready,
      started: Boolean(this.#state.running),
      restartCount: this.#restartCount,
      state: structuredClone(this.#state),
      lastState: structuredClone(this.#lastState),
    };
    if (this.#child?.pid !== undefined) status.containerID = `process://${this.#child.pid}`;
    return status;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    this.#stopProbers();
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      this.#options.onEvent('Normal', 'Killing', `Stopping container ${this.#options.container.name}`);
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.#exited;
      clearTimeout(killer);
    }
  }

  #spawn(launch: ContainerLaunch): void {
    const { container, log, onEvent } = this.#options;
    onEvent('Normal', 'Pulled', `Container image "${container.image ?? ''}" already present on machine`);
    onEvent('Normal', 'Created', `Created container: ${container.name}`);
    const logFd = openSync(launch.logPath, 'a');
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [...launch.nodeOptions, launch.script, ...launch.args], {
        cwd: launch.cwd,
        env: launch.env,
        // The IPC channel comes last so the inherited descriptors keep their numbers (3, 4, ...): the pod sandbox
        // borrows Service listeners over it (pod-borrowed-listeners.ts).
        stdio: ['ignore', logFd, logFd, ...launch.inheritedFds, 'ipc'],
      });
    } finally {
      closeSync(logFd); // the child holds its own copy
    }
    this.#child = child;
    this.#startedAt = rfc3339Seconds();
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.#onExit(launch, code, signal);
        resolve();
      });
      child.once('error', (error) => {
        log(`container ${container.name} of ${this.#options.podDescription}: ${error.message}`);
        if (child.pid !== undefined) return; // a running process still ends with 'exit'
        this.#state = { waiting: { reason: 'RunContainerError', message: error.message } };
        this.#options.onChange();
        resolve();
      });
    });
    this.#state = { running: { startedAt: this.#startedAt } };
    onEvent('Normal', 'Started', `Started container ${container.name}`);
    this.#startProbes(child);
    this.#options.onChange();
  }

  #startProbes(child: ChildProcess): void {
    const { container, podIP, hostPortOf } = this.#options;
    this.#ready = !container.readinessProbe;
    if (container.readinessProbe) {
      const readiness = new ContainerProber(container.readinessProbe, podIP, container.ports, hostPortOf, false, (ready) => {
        if (!ready) this.#options.onEvent('Warning', 'Unhealthy', 'Readiness probe failed');
        this.#ready = ready;
        this.#options.onChange();
      });
      this.#probers.push(readiness);
    }
    if (container.livenessProbe) {
      // A failed liveness probe kills the container; restartPolicy then decides, as with any exit.
      const liveness = new ContainerProber(container.livenessProbe, podIP, container.ports, hostPortOf, true, (alive) => {
        if (alive) return;
        this.#options.onEvent('Warning', 'Unhealthy', 'Liveness probe failed');
        this.#options.onEvent('Normal', 'Killing', `Container ${container.name} failed liveness probe, will be restarted`);
        this.#stopProbers();
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), this.#options.graceMs).unref();
      });
      this.#probers.push(liveness);
    }
    for (const prober of this.#probers) prober.start();
  }

  #stopProbers(): void {
    for (const prober of this.#probers) prober.stop();
    this.#probers = [];
  }

  #onExit(launch: ContainerLaunch, code: number | null, signal: NodeJS.Signals | null): void {
    this.#stopProbers();
    this.#ready = false;
    const ranMs = Date.now() - Date.parse(this.#startedAt);
    const exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
    const terminated: ContainerState = {
      terminated: {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt: this.#startedAt,
        finishedAt: rfc3339Seconds(),
        containerID: `process://${this.#child?.pid ?? ''}`,
        ...(signal ? { signal: constants.signals[signal] } : {}),
      },
    };
    const policy = this.#options.restartPolicy;
    const restart = !this.#stopping && (policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0));
    if (!restart) {
      this.#state = terminated;
      this.#options.onChange();
      return;
    }
    this.#lastState = terminated;
    this.#crashes = ranMs >= BACKOFF_RESET_MS ? 1 : this.#crashes + 1;
    const delayMs = restartBackoffMs(this.#crashes);
    const { container, podDescription } = this.#options;
    this.#state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${Math.round(delayMs / 1000)}s restarting failed container=${container.name} pod=${podDescription}`,
      },
    };
    this.#options.onEvent('Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${podDescription}`);
    this.#options.onChange();
    this.#restartTimer = setTimeout(() => {
      this.#restartCount += 1;
      this.#spawn(launch);
    }, delayMs);
  }
}
