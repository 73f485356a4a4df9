// Splits a byte stream into lines for the NDJSON config stream; a line may arrive in many chunks.

import { StringDecoder } from 'node:string_decoder';

export class NdjsonLineSplitter {
  readonly #decoder = new StringDecoder('utf8');
  #pending = '';
  readonly #maxLineLength: number;

  constructor(maxLineLength: number) {
    this.#maxLineLength = maxLineLength;
  }

  /** Returns the complete, non-empty lines in `chunk`; throws LineTooLongError past the limit. */
  push(chunk: Buffer): string[] {
    const text = this.#pending + this.#decoder.write(chunk);
    const parts = text.split('\n');
    this.#pending = parts.pop() ?? '';
    if (this.#pending.length > this.#maxLineLength) {
      throw new LineTooLongError(this.#maxLineLength);
    }
    return parts.map((line) => line.trim()).filter((line) => line !== '');
  }
}

export class LineTooLongError extends Error {
  readonly code = 'PROXY_CONFIG_LINE_TOO_LONG';
  constructor(limit: number) {
    super(`config stream line longer than ${limit} characters without a newline; the server must send one JSON message per line`);
    this.name = 'LineTooLongError';
  }
}
