// Progress lines for long work, on stderr so that stdout stays for what scripts consume. A live display (the CLI's
// status line on a terminal) also takes the structured events; line progress has no use for them.
import type { LoadProgress } from '../load/run-load.ts';

export interface ProgressEvents {
  scenariosPlanned?(count: number): void;
  scenarioStarted?(id: string): void;
  scenarioFinished?(id: string, failed: boolean): void;
  loadProgress?(id: string, progress: LoadProgress): void;
  /** The scenarios are done (or interrupted): a live display clears itself. */
  scenariosDone?(): void;
}

export interface Progress extends ProgressEvents {
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
