// The open model: requests arrive at a constant rate whatever the target does, as users' requests would.
// Worker w of W sends the global requests w, w+W, w+2W, ... at their scheduled times, so all workers
// together keep one even schedule. A due request takes an idle connection, or waits in a backlog for the
// next one to free up; its latency counts from when it was due (the dispatcher's tick), so a stall shows
// in the latency of every request that arrived during it instead of being hidden (no coordinated
// omission). How late the dispatcher itself ran is recorded apart (schedule lag): a generator that falls
// behind its own schedule is saturated, and the run says so.
import type { ConnectionHandler, FailureClass, LoadConnection } from './load-connection.ts';
import type { LoadRecorder } from './load-recorder.ts';

export interface OpenModelOptions {
  /** The run's total arrival rate, requests per second. */
  rate: number;
  workerIndex: number;
  workerCount: number;
  variants: number;
  timeoutMs: number;
}

export class OpenModel implements ConnectionHandler {
  readonly #recorder: LoadRecorder;
  readonly #options: OpenModelOptions;
  readonly #idle: LoadConnection[] = [];
  /** Due requests waiting for a connection: variant and the time each was due, oldest first. */
  #backlogVariant: number[] = [];
  #backlogBase: number[] = [];
  #backlogHead = 0;
  #start = 0;
  #end = 0;
  #k = 0;
  #timer: NodeJS.Timeout | undefined;
  #scheduling = false;
  #onDrained: (() => void) | undefined;
  #busy = 0;

  constructor(recorder: LoadRecorder, options: OpenModelOptions) {
    this.#recorder = recorder;
    this.#options = options;
  }

  get backlog(): number {
    return this.#backlogVariant.length - this.#backlogHead;
  }

  start(now: number, end: number): void {
    this.#start = now;
    this.#end = end;
    this.#scheduling = true;
    this.#tick();
  }

  /** Resolves once every request due in the window was answered or failed, or when `give up` is called. */
  drained(): { done: Promise<void>; giveUp: () => void } {
    const done = new Promise<void>((resolve) => {
      this.#onDrained = resolve;
    });
    this.#checkDrained();
    return {
      done,
      giveUp: () => {
        clearTimeout(this.#timer);
        this.#scheduling = false;
        this.#recorder.unsent += this.backlog;
        this.#backlogVariant = [];
        this.#backlogBase = [];
        this.#backlogHead = 0;
        this.#onDrained?.();
      },
    };
  }

  /** Fails requests that waited in the backlog longer than the request timeout: a client would have given up. */
  expireBacklog(now: number): void {
    while (this.backlog > 0 && now - (this.#backlogBase[this.#backlogHead] as number) > this.#options.timeoutMs) {
      const variant = this.#backlogVariant[this.#backlogHead] as number;
      this.#backlogHead += 1;
      this.#recorder.failure('timeout', now, variant);
    }
    this.#compact();
    this.#checkDrained();
  }

  ready(connection: LoadConnection): void {
    this.#serve(connection, performance.now());
  }

  response(connection: LoadConnection, status: number, body: Buffer | undefined, variant: number, base: number): void {
    const now = performance.now();
    this.#busy -= 1;
    this.#recorder.response(status, now, base, variant, body);
    if (connection.idle) this.#serve(connection, now);
    this.#checkDrained();
  }

  failure(_connection: LoadConnection, failure: FailureClass, variant: number): void {
    const now = performance.now();
    if (variant >= 0) {
      this.#busy -= 1;
      this.#recorder.failure(failure, now, variant);
    } else if (this.backlog > 0) {
      // A connect failed while requests were waiting for a connection: the oldest of them fails with it.
      const waiting = this.#backlogVariant[this.#backlogHead] as number;
      this.#backlogHead += 1;
      this.#recorder.failure(failure, now, waiting);
    }
    this.#checkDrained();
  }

  #intended(k: number): number {
    const { rate, workerIndex, workerCount } = this.#options;
    return this.#start + ((workerIndex + k * workerCount) * 1000) / rate;
  }

  #tick(): void {
    const now = performance.now();
    let due = this.#intended(this.#k);
    while (due <= now && due < this.#end) {
      this.#recorder.scheduleLag(now - due);
      const variant = (this.#options.workerIndex + this.#k * this.#options.workerCount) % this.#options.variants;
      this.#dispatch(variant, now);
      this.#k += 1;
      due = this.#intended(this.#k);
    }
    if (due < this.#end) {
      this.#timer = setTimeout(() => this.#tick(), Math.max(0, due - performance.now()));
    } else {
      this.#scheduling = false;
      this.#checkDrained();
    }
  }

  #dispatch(variant: number, now: number): void {
    let connection = this.#idle.pop();
    while (connection !== undefined && !connection.idle) connection = this.#idle.pop();
    if (connection === undefined) {
      this.#backlogVariant.push(variant);
      this.#backlogBase.push(now);
      return;
    }
    this.#send(connection, variant, now, now);
  }

  #serve(connection: LoadConnection, now: number): void {
    if (this.backlog === 0) {
      this.#idle.push(connection);
      return;
    }
    const variant = this.#backlogVariant[this.#backlogHead] as number;
    const base = this.#backlogBase[this.#backlogHead] as number;
    this.#backlogHead += 1;
    this.#compact();
    this.#send(connection, variant, base, now);
  }

  #send(connection: LoadConnection, variant: number, base: number, now: number): void {
    this.#busy += 1;
    this.#recorder.sent += 1;
    if (now < this.#end) this.#recorder.sentInWindow += 1;
    connection.send(variant, base, now);
  }

  #compact(): void {
    if (this.#backlogHead > 4096 && this.#backlogHead * 2 > this.#backlogVariant.length) {
      this.#backlogVariant = this.#backlogVariant.slice(this.#backlogHead);
      this.#backlogBase = this.#backlogBase.slice(this.#backlogHead);
      this.#backlogHead = 0;
    }
    if (this.backlog === 0 && this.#backlogHead > 0) {
      this.#backlogVariant.length = 0;
      this.#backlogBase.length = 0;
      this.#backlogHead = 0;
    }
  }

  #checkDrained(): void {
    if (!this.#scheduling && this.backlog === 0 && this.#busy <= 0 && this.#onDrained !== undefined) {
      const resolve = this.#onDrained;
      this.#onDrained = undefined;
      resolve();
    }
  }
}
