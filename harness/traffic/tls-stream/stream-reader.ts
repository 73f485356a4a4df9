// Reads what a server sends on a stream in exact amounts: what stands where an expected text should, or the next line, each within a
// deadline, so a conversation step never waits forever on a server that stays silent or closes early.
import type { Duplex } from 'node:stream';

export class StreamReadError extends Error {
  readonly code = 'GAUNTLET_STREAM_READ';
  constructor(message: string) {
    super(message);
    this.name = 'StreamReadError';
  }
}

export class StreamReader {
  #buffered = Buffer.alloc(0);
  #ended = false;
  #wake: (() => void) | undefined;

  constructor(stream: Duplex) {
    stream.on('data', (chunk: Buffer) => {
      this.#buffered = Buffer.concat([this.#buffered, chunk]);
      this.#wake?.();
    });
    const end = (): void => {
      this.#ended = true;
      this.#wake?.();
    };
    stream.once('end', end);
    stream.once('close', end);
  }

  /**
   * What arrives in place of `expected`: its bytes once that many came, or sooner what already differs from
   * it, so that a wrong answer is reported at once rather than at the deadline.
   */
  readExpected(expected: string, timeoutMs: number): Promise<string> {
    const wanted = Buffer.from(expected, 'utf8');
    return this.#until(
      () => {
        const compared = Math.min(this.#buffered.length, wanted.length);
        if (this.#buffered.compare(wanted, 0, compared, 0, compared) !== 0) return compared;
        return compared === wanted.length ? compared : undefined;
      },
      JSON.stringify(expected),
      timeoutMs,
    );
  }

  /** The next line, its '\n' included. */
  readLine(timeoutMs: number): Promise<string> {
    return this.#until(
      () => {
        const newline = this.#buffered.indexOf(0x0a);
        return newline === -1 ? undefined : newline + 1;
      },
      'a line',
      timeoutMs,
    );
  }

  async #until(available: () => number | undefined, what: string, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const length = available();
      if (length !== undefined) {
        const text = this.#buffered.subarray(0, length).toString('utf8');
        this.#buffered = this.#buffered.subarray(length);
        return text;
      }
      const pending = this.#buffered.toString('utf8');
      const got = pending === '' ? 'nothing' : JSON.stringify(pending);
      if (this.#ended) throw new StreamReadError(`the connection ended while waiting for ${what} (got ${got})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new StreamReadError(`no ${what} within ${timeoutMs} ms (got ${got})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
