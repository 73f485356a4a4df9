// Progress lines for long work, on stderr so that stdout stays for what scripts consume.

export interface Progress {
  /** Runs `work`, printing the label before and the outcome with its duration after. */
  step<T>(label: string, work: () => Promise<T>): Promise<T>;
  info(line: string): void;
}

export function createProgress(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Progress {
  return {
    async step(label, work) {
      const started = performance.now();
      write(`… ${label}`);
      try {
        const result = await work();
        write(`✔ ${label} (${formatDuration(performance.now() - started)})`);
        return result;
      } catch (error) {
        write(`✘ ${label} (${formatDuration(performance.now() - started)})`);
        throw error;
      }
    },
    info: write,
  };
}

export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)}ms` : `${(milliseconds / 1000).toFixed(1)}s`;
}
