// Figures of a side-by-side bench: per contender, its rounds summed (requests over seconds), median p50
// and p99, CPU per request, and ratios to the baseline contender, as text lines or JSON.
import type { GeneratorRun } from './generator-run.ts';

export interface ContenderFigures {
  name: string;
  requestsPerSecond: number;
  roundsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  /** CPU the contender's measured process(es) spent per request, microseconds. */
  cpuMicrosPerRequest: number;
  failures: number;
  /** Against the baseline: requests/s, and requests per CPU-second ("per core"). */
  ratio?: { requestsPerSecond: number; perCore: number };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export function figuresOf(name: string, runs: readonly GeneratorRun[]): ContenderFigures {
  const requests = sum(runs.map((run) => run.requests));
  return {
    name,
    requestsPerSecond: requests / sum(runs.map((run) => run.seconds)),
    roundsPerSecond: runs.map((run) => Math.round(run.requests / run.seconds)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    cpuMicrosPerRequest: requests === 0 ? Number.NaN : (sum(runs.map((run) => run.cpuMs)) * 1000) / requests,
    failures: sum(runs.map((run) => run.failures)),
  };
}

/** Adds each contender's ratios to `baseline` (which gets none). */
export function withRatios(contenders: ContenderFigures[], baseline: string): ContenderFigures[] {
  const base = contenders.find((contender) => contender.name === baseline);
  if (base === undefined) return contenders;
  return contenders.map((contender) =>
    contender === base
      ? contender
      : {
          ...contender,
          ratio: {
            requestsPerSecond: contender.requestsPerSecond / base.requestsPerSecond,
            perCore: base.cpuMicrosPerRequest / contender.cpuMicrosPerRequest,
          },
        },
  );
}

export function formatFigures(contenders: readonly ContenderFigures[], baseline: string): string[] {
  const rows = contenders.map((c) => [
    c.name,
    Math.round(c.requestsPerSecond).toString(),
    c.roundsPerSecond.join('/'),
    c.p50Ms.toFixed(2),
    c.p99Ms.toFixed(2),
    c.cpuMicrosPerRequest.toFixed(2),
    c.ratio === undefined ? '-' : c.ratio.requestsPerSecond.toFixed(2),
    c.ratio === undefined ? '-' : c.ratio.perCore.toFixed(2),
    String(c.failures),
  ]);
  const header = ['contender', 'req/s', 'rounds', 'p50 ms', 'p99 ms', 'CPU us/req', `req/s vs ${baseline}`, `per core vs ${baseline}`, 'failures'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}
