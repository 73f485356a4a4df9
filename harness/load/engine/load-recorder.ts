// What one worker thread measures: latency into an HDR histogram in microseconds, statuses, failures by
// class, a timeline of completions and failures, per-variant attribution to backends. The hot path
// (response) only adds to typed arrays and the histogram.
import { build, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import { countInSecond, emptySecondSlots } from '../per-second-timeline.ts';
import { EchoIdentity } from './echo-identity.ts';
import type { FailureClass } from './load-connection.ts';
import type { VariantCounts, WorkerProgress, WorkerReport } from './worker-plan.ts';

/** One hour in microseconds: anything slower is clamped rather than lost. */
export const HIGHEST_TRACKABLE_MICROS = 3_600_000_000;

export function createMicrosHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_TRACKABLE_MICROS, numberOfSignificantValueDigits: 3, useWebAssembly: false });
}

function clampMicros(micros: number): number {
  return Math.min(HIGHEST_TRACKABLE_MICROS, Math.max(1, Math.round(micros)));
}

export interface RecorderOptions {
  variants: number;
  candidates: string[];
  expectedBackends: (string | undefined)[];
}

export class LoadRecorder {
  readonly #latency = createMicrosHistogram();
  readonly #lag = createMicrosHistogram();
  readonly #statuses = new Uint32Array(1000);
  readonly #failures: Record<FailureClass, number> = { connect: 0, reset: 0, timeout: 0, protocol: 0 };
  readonly #seconds = emptySecondSlots();
  readonly #variants: VariantCounts[];
  readonly #identity: EchoIdentity;
  readonly #expected: (string | undefined)[];
  #start = 0;
  #firstFailure = -1;
  #lastFailure = -1;
  #lagRecorded = false;
  sent = 0;
  /** Requests written before the window ended: the achieved rate counts these. */
  sentInWindow = 0;
  unsent = 0;

  constructor(options: RecorderOptions) {
    this.#variants = Array.from({ length: options.variants }, () => ({ requests: 0, misrouted: 0, unattributed: 0, backends: {} }));
    this.#identity = new EchoIdentity(options.candidates);
    this.#expected = options.expectedBackends;
  }

  /** performance.now() of the run's start: the timeline and failure times count from it. */
  startAt(now: number): void {
    this.#start = now;
  }

  response(status: number, now: number, base: number, variant: number, body: Buffer | undefined): void {
    this.#latency.recordValue(clampMicros((now - base) * 1000));
    this.#statuses[status] = (this.#statuses[status] as number) + 1;
    const second = this.#second(now);
    countInSecond(this.#seconds, 'responses', second);
    const counts = this.#variants[variant] as VariantCounts;
    counts.requests += 1;
    if (status < 200 || status > 299) {
      countInSecond(this.#seconds, 'non2xx', second);
      this.#failedAt(now);
      return;
    }
    if (body === undefined) return;
    const backend = this.#identity.backendOf(body);
    if (backend === undefined) counts.unattributed += 1;
    else counts.backends[backend] = (counts.backends[backend] ?? 0) + 1;
    const expected = this.#expected[variant];
    if (expected !== undefined && backend !== expected) counts.misrouted += 1;
  }

  failure(failure: FailureClass, now: number, variant: number): void {
    this.#failures[failure] += 1;
    countInSecond(this.#seconds, 'errors', this.#second(now));
    this.#failedAt(now);
    if (variant >= 0) (this.#variants[variant] as VariantCounts).requests += 1;
  }

  /** Open model: how far behind its schedule the dispatcher sent a request. */
  scheduleLag(lagMs: number): void {
    this.#lagRecorded = true;
    this.#lag.recordValue(clampMicros(lagMs * 1000));
  }

  /** The figures so far, for live progress (not on the hot path: called about once a second). */
  progress(): WorkerProgress {
    let failures = 0;
    for (const name of Object.keys(this.#failures) as FailureClass[]) failures += this.#failures[name];
    this.#statuses.forEach((count, status) => {
      if (status < 200 || status > 299) failures += count;
    });
    return { responses: this.#latency.totalCount, failures, p99Micros: this.#latency.totalCount === 0 ? 0 : this.#latency.getValueAtPercentile(99) };
  }

  report(extra: Pick<WorkerReport, 'eventLoopUtilization' | 'cpuMs' | 'wallMs'>): WorkerReport {
    const statuses: Record<string, number> = {};
    this.#statuses.forEach((count, status) => {
      if (count > 0) statuses[String(status)] = count;
    });
    const report: WorkerReport = {
      histogram: encodeIntoCompressedBase64(this.#latency),
      statuses,
      failures: { ...this.#failures },
      timeline: this.#seconds,
      variants: this.#variants,
      sent: this.sent,
      sentInWindow: this.sentInWindow,
      unsent: this.unsent,
      firstFailureMs: this.#firstFailure,
      lastFailureMs: this.#lastFailure,
      ...extra,
    };
    if (this.#lagRecorded) report.scheduleLag = encodeIntoCompressedBase64(this.#lag);
    return report;
  }

  #second(now: number): number {
    return Math.max(0, Math.floor((now - this.#start) / 1000));
  }

  #failedAt(now: number): void {
    const at = now - this.#start;
    if (this.#firstFailure < 0) this.#firstFailure = at;
    this.#lastFailure = Math.max(this.#lastFailure, at);
  }
}
