// Reads one run for a comparison: a run folder (reports/<run-id>, reports/latest) or its results.json. Only what
// a comparison needs is taken, and checked on the way in, so a file from another tool or a cut-short run gets a
// message naming the file and the field rather than a TypeError later.
//
//   readRun(path): Promise<ComparedRun>
//   comparedRunOf(results: unknown, source: string): ComparedRun      (the same, from parsed JSON)
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Outcome } from '../report/run-result.ts';
import { CompareInputError } from './compare-error.ts';
import { decodeLatencyHistogram } from './latency-histogram-sample.ts';
import type { WeightedSample } from './statistics/weighted-sample.ts';
import { timelineCounts } from './timeline-counts.ts';

/** The results.json layouts this reader understands (run-result.ts's RESULTS_SCHEMA_VERSION). */
const readableSchemaVersions = [1];

export interface LoadFigures {
  /** Every response's latency in ms, when the run kept its histogram. */
  latency?: WeightedSample;
  summary: { p50Ms: number; p90Ms: number; p99Ms: number; count: number };
  /** Responses received (non-2xx included). */
  requests: number;
  /** Requests that got no response (connection errors, timeouts). */
  transportErrors: number;
  non2xx: number;
  durationSeconds: number;
  requestsPerSecond: number;
  /** Responses in each whole second, when kept. */
  perSecond?: number[];
  /** Failed requests (non-2xx, transport errors) in each second, beside perSecond. */
  failedPerSecond?: number[];
}

export interface ComparedScenario {
  /** The scenario id; a scenario's second and later load runs get `<id>/<load name>` entries of their own. */
  id: string;
  outcome: Outcome;
  load?: LoadFigures;
  /** Set on the entry of a later load run: the scenario it belongs to (its outcome is that scenario's). */
  partOf?: string;
}

export interface ComparedRun {
  /** The path as given: where messages point. */
  source: string;
  runId: string;
  startedAt: string;
  gatewayClass: string;
  implementation: string;
  scenarios: ComparedScenario[];
  /** The parsed results.json, kept whole for --history. */
  results: Record<string, unknown>;
}

export async function readRun(path: string): Promise<ComparedRun> {
  const file = await resultsFileOf(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CompareInputError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path and its permissions`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CompareInputError(`${file}: not JSON (${(error as Error).message}); a run that was killed may have left it cut short: compare runs that finished`, { cause: error });
  }
  return comparedRunOf(parsed, file);
}

async function resultsFileOf(path: string): Promise<string> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new CompareInputError(`${path}: no such file or folder; give a run folder (reports/<run-id>) or its results.json`);
  if (!found.isDirectory()) return path;
  const file = join(path, 'results.json');
  if (!(await stat(file).catch(() => undefined))) {
    throw new CompareInputError(`${path}: a folder without results.json; give a run folder written by gauntlet run (reports/<run-id>) or its results.json`);
  }
  return file;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function comparedRunOf(results: unknown, source: string): ComparedRun {
  const fail = (field: string, expected: string): never => {
    throw new CompareInputError(`${source}: ${field} is not ${expected}; this is not a results.json written by gauntlet run, or it was edited`);
  };
  if (!isObject(results)) return fail('the document', 'a JSON object');
  const version = results.schemaVersion;
  if (typeof version !== 'number') return fail('schemaVersion', 'a number');
  if (!readableSchemaVersions.includes(version)) {
    throw new CompareInputError(`${source}: results schemaVersion ${version}, but this gauntlet reads ${readableSchemaVersions.join(', ')}; compare with the gauntlet version that wrote it, or rerun both with this one`);
  }
  const text = (field: string) => (typeof results[field] === 'string' ? (results[field] as string) : fail(field, 'a string'));
  if (!Array.isArray(results.scenarios)) return fail('scenarios', 'a list');
  const implementation = isObject(results.implementation) && typeof results.implementation.project === 'string' ? results.implementation.project : 'unknown';
  return {
    source,
    runId: text('runId'),
    startedAt: text('startedAt'),
    gatewayClass: typeof results.gatewayClass === 'string' ? results.gatewayClass : 'unknown',
    implementation,
    scenarios: results.scenarios.flatMap((scenario, index) => scenarioOf(scenario, `${source}: scenarios[${index}]`)),
    results,
  };
}

/** A scenario, and one more entry per load run after its first (results with a `loads` list). */
function scenarioOf(scenario: unknown, where: string): ComparedScenario[] {
  const fail = (field: string, expected: string): never => {
    throw new CompareInputError(`${where}.${field} is not ${expected}; this is not a results.json written by gauntlet run, or it was edited`);
  };
  if (!isObject(scenario)) return fail('', 'an object');
  const id = typeof scenario.id === 'string' ? scenario.id : fail('id', 'a string');
  const outcome = scenario.outcome === 'passed' || scenario.outcome === 'failed' || scenario.outcome === 'skipped' ? scenario.outcome : fail('outcome', 'passed, failed or skipped');
  const compared: ComparedScenario = { id, outcome };
  const loads = Array.isArray(scenario.loads) ? scenario.loads : [];
  if (loads.length > 0) compared.load = loadOf(loads[0], `${where}.loads[0]`);
  else if (scenario.load !== undefined) compared.load = loadOf(scenario.load, `${where}.load`);
  const later = loads.slice(1).map((load, index): ComparedScenario => {
    const name = isObject(load) && typeof load.name === 'string' ? load.name : `load ${index + 2}`;
    return { id: `${id}/${name}`, outcome, load: loadOf(load, `${where}.loads[${index + 1}]`), partOf: id };
  });
  return [compared, ...later];
}

function loadOf(load: unknown, where: string): LoadFigures {
  const number = (value: unknown, field: string): number => {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    throw new CompareInputError(`${where}.${field} is not a number; this is not a results.json written by gauntlet run, or it was edited`);
  };
  if (!isObject(load) || !isObject(load.latency) || !isObject(load.requests)) {
    throw new CompareInputError(`${where} lacks latency or requests; this is not a results.json written by gauntlet run, or it was edited`);
  }
  const figures: LoadFigures = {
    summary: {
      p50Ms: number(load.latency.p50Ms, 'latency.p50Ms'),
      p90Ms: number(load.latency.p90Ms, 'latency.p90Ms'),
      p99Ms: number(load.latency.p99Ms, 'latency.p99Ms'),
      count: number(load.latency.count, 'latency.count'),
    },
    requests: number(load.requests.total, 'requests.total'),
    transportErrors: number(load.errors, 'errors'),
    non2xx: number(load.non2xx, 'non2xx'),
    durationSeconds: number(load.durationSeconds, 'durationSeconds'),
    requestsPerSecond: number(load.requests.perSecond, 'requests.perSecond'),
  };
  if (typeof load.latencyHistogram === 'string') figures.latency = decodeLatencyHistogram(load.latencyHistogram, `${where}.latencyHistogram`);
  const timeline = timelineCounts(load.timeline);
  if (timeline) {
    figures.perSecond = timeline.responses;
    figures.failedPerSecond = timeline.failures;
  }
  return figures;
}
