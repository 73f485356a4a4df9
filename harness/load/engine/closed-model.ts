// The closed model: every connection sends its next request as soon as the previous answer is in, for the
// whole window; throughput is whatever the target allows. Latency counts from each request's own send, so
// a stall delays the next sends instead of showing in the figures (coordinated omission): use it for
// maximum throughput, the open model for latency.
import type { ConnectionHandler, FailureClass, LoadConnection } from './load-connection.ts';
import type { LoadRecorder } from './load-recorder.ts';

export class ClosedModel implements ConnectionHandler {
  readonly #recorder: LoadRecorder;
  readonly #variants: number;
  #next = 0;
  #end = Number.POSITIVE_INFINITY;
  #running = false;
  readonly #waiting = new Set<LoadConnection>();

  constructor(recorder: LoadRecorder, variants: number) {
    this.#recorder = recorder;
    this.#variants = variants;
  }

  /** Starts sending on every connected connection; runs until `end` (performance.now()). */
  start(now: number, end: number): void {
    this.#running = true;
    this.#end = end;
    for (const connection of this.#waiting) this.#send(connection, now);
    this.#waiting.clear();
  }

  stop(): void {
    this.#running = false;
  }

  ready(connection: LoadConnection): void {
    if (this.#running) this.#send(connection, performance.now());
    else this.#waiting.add(connection);
  }

  response(connection: LoadConnection, status: number, body: Buffer | undefined, variant: number, base: number): void {
    const now = performance.now();
    if (now > this.#end) return; // answered after the window: not part of the measurement
    this.#recorder.response(status, now, base, variant, body);
    if (connection.idle) this.#send(connection, now);
  }

  failure(_connection: LoadConnection, failure: FailureClass, variant: number): void {
    const now = performance.now();
    if (now <= this.#end && this.#running) this.#recorder.failure(failure, now, variant);
  }

  #send(connection: LoadConnection, now: number): void {
    if (!this.#running || now >= this.#end) return;
    const variant = this.#next;
    this.#next = variant + 1 === this.#variants ? 0 : variant + 1;
    this.#recorder.sent += 1;
    this.#recorder.sentInWindow += 1;
    connection.send(variant, now, now);
  }
}
