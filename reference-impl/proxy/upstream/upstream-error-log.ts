// Logs upstream failures once per (rule, upstream, error code) and then at most once per interval
// with the number of repeats in between: a dead backend under load must not turn every request
// (or every chunk) into a log line, yet the first failure is always visible with its rule id.
import type { Logger } from 'pino';
import { errorCode } from './upstream-failure.ts';

export interface UpstreamErrorReport {
  ruleId: string;
  upstream: string;
  /** What the client got: 502/503/504, or 0 when the response broke after its headers were sent. */
  status: number;
  error: Error;
  /** A mirror's copy failed: the client's answer was not affected. */
  mirror?: boolean;
}

/** Keys kept before old ones are forgotten; bounds memory when many endpoints fail over time. */
const MAX_KEYS = 1000;

export class UpstreamErrorLog {
  readonly #logger: Logger;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #seen = new Map<string, { loggedAt: number; suppressed: number }>();
  /** Every failure reported, by error code, for /metrics; error codes are a small fixed set. */
  readonly countsByCode = new Map<string, number>();

  constructor(logger: Logger, options: { intervalMs?: number; now?: () => number } = {}) {
    this.#logger = logger;
    this.#intervalMs = options.intervalMs ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  report(report: UpstreamErrorReport): void {
    const code = errorCode(report.error);
    this.countsByCode.set(code, (this.countsByCode.get(code) ?? 0) + 1);
    const key = `${report.ruleId}\u0000${report.upstream}\u0000${code}${report.mirror ? '\u0000mirror' : ''}`;
    const now = this.#now();
    const entry = this.#seen.get(key);
    if (entry && now - entry.loggedAt < this.#intervalMs) {
      entry.suppressed += 1;
      return;
    }
    const suppressed = entry?.suppressed ?? 0;
    if (!entry && this.#seen.size >= MAX_KEYS) this.#forgetOldest();
    this.#seen.set(key, { loggedAt: now, suppressed: 0 });
    this.#logger.warn(
      { ruleId: report.ruleId, upstream: report.upstream, status: report.status, code, ...(report.mirror ? { mirror: true } : {}), ...(suppressed > 0 ? { repeatedSinceLastLog: suppressed } : {}) },
      messageOf(report),
    );
  }

  #forgetOldest(): void {
    const oldest = this.#seen.keys().next();
    if (!oldest.done) this.#seen.delete(oldest.value);
  }
}

function messageOf(report: UpstreamErrorReport): string {
  if (report.mirror) return `mirror copy to ${report.upstream} failed (the client's answer is not affected): ${report.error.message}`;
  if (report.status === 0) return `upstream ${report.upstream} broke the response mid-way: ${report.error.message}`;
  return `upstream ${report.upstream} failed: ${report.error.message}`;
}
