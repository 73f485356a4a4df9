// Runs one of a container's probes (readiness or liveness) until stopped and reports each change of
// its verdict: readiness starts false and liveness starts true, as in kubelet.
import type { ContainerPort, Probe } from './kube-shapes.ts';
import { checkProbe } from './probe-check.ts';
import { firstProbeDelayMs, nextProbeDelayMs, ProbeResultTracker } from './probe-schedule.ts';

export class ContainerProber {
  readonly #probe: Probe;
  readonly #podIP: string;
  readonly #ports: readonly ContainerPort[] | undefined;
  readonly #hostPortOf: (host: string, port: number) => number;
  readonly #onChange: (passing: boolean) => void;
  readonly #tracker: ProbeResultTracker;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(
    probe: Probe,
    podIP: string,
    ports: readonly ContainerPort[] | undefined,
    hostPortOf: (host: string, port: number) => number,
    initial: boolean,
    onChange: (passing: boolean) => void,
  ) {
    this.#probe = probe;
    this.#podIP = podIP;
    this.#ports = ports;
    this.#hostPortOf = hostPortOf;
    this.#onChange = onChange;
    this.#tracker = new ProbeResultTracker(probe, initial);
  }

  start(): void {
    this.#schedule(firstProbeDelayMs(this.#probe));
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#probeOnce(), delayMs);
  }

  async #probeOnce(): Promise<void> {
    const success = await checkProbe(this.#probe, this.#podIP, this.#ports, this.#hostPortOf);
    if (this.#stopped) return;
    const before = this.#tracker.passing;
    const passing = this.#tracker.record(success);
    if (passing !== before) this.#onChange(passing);
    this.#schedule(nextProbeDelayMs(this.#probe, passing));
  }
}
