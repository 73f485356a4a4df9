// Splits a connection's bytes into lines the way upstream's TCP echo reads them (Go's bufio.Scanner with
// ScanLines): '\n' ends a line, a '\r' before it is dropped, a last line without '\n' still counts at the
// end of input, and a line longer than 64 KiB stops the reading.

export const MAX_LINE_BYTES = 64 * 1024;

export class CommandLines {
  #pending: Buffer = Buffer.alloc(0);

  /** The complete lines in `chunk` (with what came before); undefined once a line grew past the limit. */
  push(chunk: Buffer): string[] | undefined {
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const lines: string[] = [];
    let newline = this.#pending.indexOf(0x0a);
    while (newline !== -1) {
      lines.push(withoutCarriageReturn(this.#pending.subarray(0, newline).toString('utf8')));
      this.#pending = this.#pending.subarray(newline + 1);
      newline = this.#pending.indexOf(0x0a);
    }
    return this.#pending.length > MAX_LINE_BYTES ? undefined : lines;
  }

  /** At end of input: the unterminated last line, if any. */
  end(): string[] {
    const rest = this.#pending;
    this.#pending = Buffer.alloc(0);
    return rest.length === 0 ? [] : [withoutCarriageReturn(rest.toString('utf8'))];
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
