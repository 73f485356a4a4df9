// `<stateDir>/pids`: the pids of the running pod processes, one per line, rewritten on every change
// (write + rename, so a reader never sees half a file). `gauntlet down` uses it to clean up after a
// harness that crashed without stopping its pods.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PID_FILE_NAME = 'pids';

export class PidFile {
  readonly #path: string;
  #written = '';

  constructor(stateDir: string) {
    this.#path = path.join(stateDir, PID_FILE_NAME);
  }

  get path(): string {
    return this.#path;
  }

  write(pids: Iterable<number>): void {
    const text = [...pids].map((pid) => `${pid}\n`).join('');
    if (text === this.#written) return;
    const temporary = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, this.#path);
    this.#written = text;
  }
}
