// `<stateDir>/pids`: the running pod processes, one per line as `<pid> <entry script>`, rewritten on every
// change (write + rename, so a reader never sees half a file). After a harness that crashed without stopping
// its pods, the next command reads it to stop them; the script lets it tell a pod from a process that reused
// the pid since.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PID_FILE_NAME = 'pids';

export interface RecordedProcess {
  pid: number;
  /** The entry script the process runs (absolute path). */
  script: string;
}

export class PidFile {
  readonly #path: string;
  #written = '';

  constructor(stateDir: string) {
    this.#path = path.join(stateDir, PID_FILE_NAME);
  }

  get path(): string {
    return this.#path;
  }

  write(processes: Iterable<RecordedProcess>): void {
    const text = [...processes].map(({ pid, script }) => `${pid} ${script}\n`).join('');
    if (text === this.#written) return;
    const temporary = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, this.#path);
    this.#written = text;
  }
}

/** Parses the file's lines; a line with a pid only (an older record) has an empty script. */
export function parsePidFile(text: string): RecordedProcess[] {
  return text.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)(?:\s+(.+?))?\s*$/.exec(line);
    const pid = Number(match?.[1]);
    return match && pid > 1 ? [{ pid, script: match[2] ?? '' }] : [];
  });
}
