// Child process of the load bench: one run of the gauntlet engine (one worker thread, closed model, like
// `wrk -t1`) or of autocannon (in-process) against a target, printed as one JSON line (GeneratorRun).
import autocannon from 'autocannon';
import { runEngine } from '../engine/run-engine.ts';
import type { GeneratorRun } from './generator-run.ts';

interface Spec {
  generator: 'gauntlet' | 'autocannon';
  target: { host: string; port: number };
  seconds: number;
  connections: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec;

async function gauntlet(): Promise<GeneratorRun> {
  const measured = await runEngine({ target: spec.target, requests: [{ path: '/' }], model: 'closed', connections: spec.connections, durationSeconds: spec.seconds, workers: 1 });
  const answered = Object.values(measured.statuses).reduce((sum, count) => sum + count, 0);
  const ok = Object.entries(measured.statuses).reduce((sum, [status, count]) => sum + (status.startsWith('2') ? count : 0), 0);
  const errors = Object.values(measured.failures).reduce((sum, count) => sum + count, 0);
  return {
    generator: 'gauntlet',
    requests: answered,
    seconds: spec.seconds,
    p50Ms: measured.latency.getValueAtPercentile(50) / 1000,
    p99Ms: measured.latency.getValueAtPercentile(99) / 1000,
    failures: answered - ok + errors,
    cpuMs: measured.workers.reduce((sum, worker) => sum + worker.cpuMs, 0),
  };
}

async function autocannonRun(): Promise<GeneratorRun> {
  const before = process.cpuUsage();
  const result = await autocannon({ url: `http://${spec.target.host}:${spec.target.port}/`, connections: spec.connections, duration: spec.seconds });
  const used = process.cpuUsage(before);
  return {
    generator: 'autocannon',
    requests: result.requests.total,
    seconds: spec.seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.non2xx + result.errors,
    cpuMs: (used.user + used.system) / 1000,
  };
}

const run = spec.generator === 'autocannon' ? await autocannonRun() : await gauntlet();
process.stdout.write(`${JSON.stringify(run)}\n`);
