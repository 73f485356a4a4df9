// `npm run bench:load`: the gauntlet engine against wrk (and autocannon with --engine autocannon or all),
// each in its own process, against nginx answering `return 200` from one worker, in interleaved rounds so
// a noisy moment hits every generator alike. Prints requests/s, p50/p99, the generator's CPU per request
// and each generator's ratio to wrk in requests/s and per core (requests per CPU-second); `--json` prints
// the same as one JSON document.
//
//   npm run bench:load -- [--seconds 5] [--rounds 3] [--connections 50] [--engine gauntlet|autocannon|all]
//                         [--no-pin] [--json]
//   npm run bench:load -- --lb [--seconds 5] [--rounds 3] [--connections 50] [--json]
// --lb: the local cluster's LoadBalancer (and NodePort) path against dialing its pod (load-balancer-bench.ts);
// needs wrk only.
// Needs nginx and wrk (apt-get install -y nginx-light wrk). With two cores or more, nginx runs on the last
// CPU and the generators on CPU 0 (taskset), so nginx's core is never the generator's.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type ContenderFigures, figuresOf, formatFigures, withRatios } from './bench-figures.ts';
import { type GeneratorName, type GeneratorRun, runGenerator } from './generator-run.ts';
import { formatLoadBalancerBench, LB_GOAL_RATIO, runLoadBalancerBench } from './load-balancer-bench.ts';
import { BenchToolMissingError, commandExists, startNginxReturn200 } from './nginx-return-200.ts';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    engine: { type: 'string', default: 'gauntlet' },
    'no-pin': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    lb: { type: 'boolean', default: false },
  },
});

export class BenchUsageError extends Error {
  readonly code = 'GAUNTLET_BENCH_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isInteger(value)) throw new BenchUsageError(`--${name} ${String(text)}: expected a whole number above 0`);
  return value;
}

function generatorsOf(engine: string): GeneratorName[] {
  if (engine === 'gauntlet') return ['wrk', 'gauntlet'];
  if (engine === 'autocannon') return ['wrk', 'autocannon'];
  if (engine === 'all') return ['wrk', 'gauntlet', 'autocannon'];
  throw new BenchUsageError(`--engine ${engine}: expected gauntlet, autocannon or all`);
}

/** CPU placement: [generators, target]; none with one core, without taskset, or with --no-pin. */
function placement(noPin: boolean): { pinned: boolean; generator: string[]; target: string[] } {
  const cores = availableParallelism();
  if (noPin || cores < 2 || !commandExists('taskset', '--version')) return { pinned: false, generator: [], target: [] };
  return { pinned: true, generator: ['taskset', '-c', '0'], target: ['taskset', '-c', String(cores - 1)] };
}

async function generatorBench(): Promise<void> {
  const seconds = positive('seconds', flags.seconds);
  const rounds = positive('rounds', flags.rounds);
  const connections = positive('connections', flags.connections);
  const generators = generatorsOf(flags.engine ?? 'gauntlet');
  if (!commandExists('wrk', '-v')) throw new BenchToolMissingError('wrk');
  const cpus = placement(flags['no-pin'] ?? false);
  const nginx = await startNginxReturn200('127.0.0.1', 18_000 + (process.pid % 2000), cpus.target);
  const runs = new Map<GeneratorName, GeneratorRun[]>(generators.map((name) => [name, []]));
  const log = (line: string) => {
    if (!flags.json) console.log(line);
  };
  try {
    log(`load bench: nginx return 200 (1 worker${cpus.pinned ? `, ${cpus.target.join(' ')}` : ''}); generators ${generators.join(', ')}${cpus.pinned ? ` on ${cpus.generator.join(' ')}` : ''}; ${connections} connections; ${seconds} s x ${rounds} interleaved rounds`);
    // Warm-up: nginx's worker and the page cache; not measured.
    await runGenerator('wrk', nginx, { seconds: 1, connections, cpuPrefix: cpus.generator });
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so no generator always follows the same neighbour.
      for (let i = 0; i < generators.length; i++) {
        const name = generators[(round + i) % generators.length] as GeneratorName;
        const run = await runGenerator(name, nginx, { seconds, connections, cpuPrefix: cpus.generator });
        runs.get(name)?.push(run);
        log(`  round ${round + 1} ${name}: ${Math.round(run.requests / run.seconds)} req/s, ${((run.cpuMs * 1000) / run.requests).toFixed(2)} us CPU/req`);
      }
    }
  } finally {
    await nginx.stop();
  }
  const figures: ContenderFigures[] = withRatios(
    generators.map((name) => figuresOf(name, runs.get(name) ?? [])),
    'wrk',
  );
  const goal = figures.find((figure) => figure.name === 'gauntlet')?.ratio;
  if (flags.json) {
    console.log(JSON.stringify({ bench: 'generators', target: 'nginx return 200, 1 worker', seconds, rounds, connections, pinned: cpus.pinned, contenders: figures, goal: { perCoreAtLeast: 0.8, met: goal === undefined ? null : goal.perCore >= 0.8 } }, null, 2));
    return;
  }
  for (const line of formatFigures(figures, 'wrk')) console.log(line);
  console.log('CPU: wrk\'s whole process; the gauntlet engine\'s load thread and autocannon\'s process during the measured window (start-up excluded).');
  if (goal !== undefined) console.log(`goal: the gauntlet engine at least 0.8 of wrk per core: ${goal.perCore.toFixed(2)} (${goal.perCore >= 0.8 ? 'met' : 'NOT met'}); requests/s ${goal.requestsPerSecond.toFixed(2)} of wrk's`);
}

async function loadBalancerBench(): Promise<void> {
  const seconds = positive('seconds', flags.seconds);
  const rounds = positive('rounds', flags.rounds);
  const connections = positive('connections', flags.connections);
  if (!commandExists('wrk', '-v')) throw new BenchToolMissingError('wrk');
  const cpus = placement(flags['no-pin'] ?? false);
  const log = (line: string) => {
    if (!flags.json) console.log(line);
  };
  log(`load-balancer bench: wrk -t1 -c${connections}${cpus.pinned ? ` on ${cpus.generator.join(' ')}` : ''} against one echo pod and its LoadBalancer Service; ${seconds} s x ${rounds} interleaved rounds`);
  const result = await runLoadBalancerBench({ seconds, rounds, connections, cpuPrefix: cpus.generator, log });
  if (flags.json) console.log(JSON.stringify({ bench: 'load-balancer', seconds, rounds, connections, goal: { ratioAtLeast: LB_GOAL_RATIO }, ...result }, null, 2));
  else for (const line of formatLoadBalancerBench(result)) console.log(line);
}

try {
  if (flags.lb) await loadBalancerBench();
  else await generatorBench();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof BenchUsageError || error instanceof BenchToolMissingError ? 2 : 1;
}
