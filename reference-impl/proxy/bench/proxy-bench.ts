// Benchmark: the echo backend straight, through nginx, through the reference proxy and through a naive
// Node proxy (http.request + keep-alive Agent + pipe), side by side in interleaved rounds (a noisy
// moment hits every target alike), each server in its own process. Prints requests/s, p50/p99
// latency, the serving process's CPU per request, and each proxy as a ratio of nginx.
//
// Run:  node reference-impl/proxy/bench/proxy-bench.ts [--seconds 5] [--rounds 3] [--connections 50]
//         [--load wrk|autocannon] [--pin] [--workers N[,M]] [--cpu-prof-dir DIR] [--before DIR] [--variants] [--filtered]
//         [--tls] [--routes N] [--added-latency [--latency-seconds 10] [--latency-rounds 3]] [--json]
// Needs wrk (`apt-get install -y wrk`, else autocannon runs in this process and competes for the
// cores) and nginx (`apt-get install -y nginx-light`, else the nginx line is skipped, saying so).
// --pin puts the load generator and the backend on CPU 0 and the proxy under test on CPU 1 (taskset),
// so every proxy gets one whole core and no proxy steals from the backend: the fairest comparison on
// a 2-core machine. --workers N runs our proxy with N processes sharing each port (SO_REUSEPORT) and
// nginx with N workers; a list (`--workers 1,2`) runs both at each count side by side (`proxy-w2`, `nginx-w2`)
// and prints the scaling. --variants adds two minimal proxies that differ only in the upstream client
// (undici Pool dispatch vs node:http request + keep-alive Agent), and a raw-socket ceiling that only
// understands Content-Length answers (what any upstream client costs at the least). --before DIR also runs the proxy of
// another copy of the repo as "before" (e.g. `git archive HEAD reference-impl package.json | tar -x
// -C DIR` plus a node_modules symlink), so a change is measured against its predecessor and nginx in
// the same run. --filtered also runs our proxy with a rule carrying a request and a response header
// filter ("filtered"), the price of leaving the plain path. --tls benches HTTPS instead: nginx and our proxy
// each terminate TLS with the same generated certificate (bench-certificate.ts) in front of the same cleartext
// echo, wrk speaking HTTPS/1.1 over kept-alive connections; only those two run, since the other targets speak
// cleartext. --routes N adds "routes", our proxy with N HTTPRoutes over hosts and paths (route-table.ts), and
// sends every target the same request, matching the route in the middle: its cost against one route, and both
// proxies' RSS. --added-latency then runs the backend, nginx and our proxy at a fixed rate, half the proxy's
// measured maximum, through the harness's open-model engine (fixed-rate-load.ts), and prints the p99 each adds to
// the backend's: every target at the same rate for the same --latency-seconds in each of --latency-rounds interleaved
// rounds, the median over the rounds whose generator kept its schedule (a lagging round is left out and named),
// with the generator's lag beside each figure and the proxy's added p99 as a ratio of nginx's. With --pin the
// generator and the backend share CPU 0 and the server under test has CPU 1 (latency-anatomy.ts takes one run apart). --json prints one object (bench-summary.ts) on stdout, the progress on stderr. The bench writes
// nothing into the repository.

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchCertificate, writeBenchCertificate } from './bench-certificate.ts';
import { addedLatency, type BenchSummary, derivedFigures, summaryLines, type TargetRounds, targetFigures } from './bench-summary.ts';
import { type FixedRateResult, runFixedRateProcess } from './fixed-rate-load.ts';
import { type LoadTool, runLoad, wrkInstalled } from './load-generator.ts';
import { findNginx, type RunningNginx, startNginx } from './nginx-baseline.ts';
import { cpuMicros, residentBytes } from './process-cpu.ts';
import { benchRouteRequest } from './route-table.ts';

const HOST = '127.0.0.1';
const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    load: { type: 'string' },
    pin: { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
    'cpu-prof-dir': { type: 'string' },
    before: { type: 'string' },
    variants: { type: 'boolean', default: false },
    filtered: { type: 'boolean', default: false },
    tls: { type: 'boolean', default: false },
    routes: { type: 'string' },
    'added-latency': { type: 'boolean', default: false },
    'latency-seconds': { type: 'string', default: '10' },
    'latency-rounds': { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const seconds = Number(flags.seconds);
const rounds = Number(flags.rounds);
const latencySeconds = Number(flags['latency-seconds']);
const latencyRounds = Number(flags['latency-rounds']);
const connections = Number(flags.connections);
const workerCounts = flags.workers.split(',').map(Number);
const workers = workerCounts[0] ?? 1;
const routeCount = flags.routes === undefined ? 0 : Number(flags.routes);
const REQUEST: { host?: string; path: string } = routeCount > 0 ? benchRouteRequest(routeCount) : { path: '/bench?x=1' };
// With --json stdout carries the one object only.
const log = flags.json ? console.error : console.log;
const tool: LoadTool = (flags.load as LoadTool | undefined) ?? (wrkInstalled() ? 'wrk' : 'autocannon');
const LOAD_CPU = flags.pin ? ['taskset', '-c', '0'] : [];
const PROXY_CPU = flags.pin ? ['taskset', '-c', '1'] : [];
const SCHEME = flags.tls ? 'https' : 'http';

const childScript = fileURLToPath(new URL('./bench-process.ts', import.meta.url));
const children: ChildProcess[] = [];
const nginxes: RunningNginx[] = [];
let certificate: BenchCertificate | undefined;

interface Target {
  name: string;
  port: number;
  pid: number;
}

function startRole(role: string, args: string[], cpuPrefix: string[], execArgv: string[] = [], script = childScript): Promise<Target> {
  const [command = process.execPath, ...prefixArgs] = [...cpuPrefix, process.execPath];
  const proc = spawn(command, [...prefixArgs, ...execArgv, script, role, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve({ name: role, port: (m as { port: number }).port, pid: proc.pid ?? 0 }));
    proc.once('exit', (code) => reject(new Error(`bench role ${role} exited with ${code} before reporting its port`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, HOST, () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function stopChildren(): Promise<void> {
  // SIGINT lets a --cpu-prof child write its profile before exiting.
  const exits = children.map((proc) => new Promise<void>((resolve) => (proc.exitCode === null ? proc.once('exit', () => resolve()) : resolve())));
  for (const proc of children) proc.kill('SIGINT');
  await Promise.all([...exits, ...nginxes.map((n) => n.stop())]);
}

const url = (target: Target): string => `${SCHEME}://${HOST}:${target.port}${REQUEST.path}`;

async function measure(target: Target, into: TargetRounds): Promise<void> {
  const before = cpuMicros(target.pid);
  const result = await runLoad(tool, url(target), { seconds, connections, commandPrefix: LOAD_CPU, host: REQUEST.host });
  into.cpuMicros += cpuMicros(target.pid) - before;
  into.results.push(result);
  if (result.failures > 0) console.warn(`${target.name}: ${result.failures} failed requests (non-2xx or socket errors) in one round`);
}

/** `<name>` at the first worker count, `<name>-w<count>` at the others. */
const named = (name: string, count: number): string => (count === workers ? name : `${name}-w${count}`);

async function startNginxTarget(backendPort: number, count: number, tls?: BenchCertificate): Promise<Target[]> {
  const nginxBinary = findNginx();
  if (nginxBinary === undefined) {
    log('nginx: not installed, skipped (apt-get install -y nginx-light to compare against it)');
    return [];
  }
  const nginx = await startNginx(nginxBinary, { host: HOST, listenPort: await freePort(), backendPort, workers: count, commandPrefix: PROXY_CPU, ...(tls === undefined ? {} : { tls }) });
  nginxes.push(nginx);
  return [{ name: named('nginx', count), port: nginx.port, pid: nginx.pid }];
}

/** --tls: nginx and our proxy, both terminating the same certificate in front of the echo. */
async function startTlsTargets(): Promise<Target[]> {
  certificate = await writeBenchCertificate();
  const echo = await startRole('echo', [], LOAD_CPU);
  const profile = flags['cpu-prof-dir'] === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', flags['cpu-prof-dir']];
  const proxy = await startRole('proxy', [String(echo.port), String(await freePort()), String(workers), 'plain', certificate.dir], PROXY_CPU, profile);
  return [...(await startNginxTarget(echo.port, workers, certificate)), proxy];
}

async function startCleartextTargets(): Promise<Target[]> {
  const echo = await startRole('echo', [], LOAD_CPU);
  const targets: Target[] = [{ ...echo, name: 'direct' }];
  const profile = flags['cpu-prof-dir'] === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', flags['cpu-prof-dir']];
  for (const count of workerCounts) {
    targets.push(...(await startNginxTarget(echo.port, count)));
    const proxy = await startRole('proxy', [String(echo.port), String(await freePort()), String(count)], PROXY_CPU, count === workers ? profile : []);
    targets.push({ ...proxy, name: named('proxy', count) });
  }
  if (routeCount > 0) {
    const routes = await startRole('proxy', [String(echo.port), String(await freePort()), String(workers), `routes=${routeCount}`], PROXY_CPU);
    targets.push({ ...routes, name: 'routes' });
  }
  if (flags.before !== undefined) {
    const script = join(flags.before, 'reference-impl/proxy/bench/bench-process.ts');
    const before = await startRole('proxy', [String(echo.port), String(await freePort()), String(workers)], PROXY_CPU, [], script);
    targets.push({ ...before, name: 'before' });
  }
  if (flags.filtered) {
    const filtered = await startRole('proxy', [String(echo.port), String(await freePort()), String(workers), 'filtered'], PROXY_CPU);
    targets.push({ ...filtered, name: 'filtered' });
  }
  if (flags.variants) {
    for (const role of ['lean-undici', 'lean-http', 'lean-raw']) targets.push(await startRole(role, [String(echo.port)], PROXY_CPU));
  }
  targets.push(await startRole('naive', [String(echo.port)], PROXY_CPU));
  return targets;
}

function checkFlags(): string | undefined {
  if (flags.pin && workerCounts.some((count) => count > 1)) {
    return '--pin gives every proxy one core (CPU 1); --workers above 1 needs both cores: use one or the other';
  }
  if (workerCounts.some((count) => !Number.isInteger(count) || count < 1)) return `--workers takes whole numbers from 1 (a list: 1,2), got ${flags.workers}`;
  if (!(latencySeconds > 0) || !Number.isInteger(latencyRounds) || latencyRounds < 1) {
    return `--latency-seconds takes a positive number and --latency-rounds a whole number from 1, got ${flags['latency-seconds']} and ${flags['latency-rounds']}`;
  }
  if (!Number.isInteger(routeCount) || routeCount < 0) return `--routes takes a whole number of routes, got ${flags.routes}`;
  const cleartextOnly = (['before', 'variants', 'filtered', 'routes', 'added-latency'] as const).filter((flag) => flags[flag] !== undefined && flags[flag] !== false);
  if (flags.tls && (cleartextOnly.length > 0 || workerCounts.length > 1)) {
    return `--tls benches nginx and our proxy terminating TLS only, at one worker count; drop --${cleartextOnly.join(', --')}`;
  }
  return undefined;
}

/** --added-latency: every round, the backend, nginx and the proxy at half the proxy's maximum rate, in rotating order. */
async function measureAddedLatency(targets: Target[], proxyRps: number): Promise<BenchSummary['addedLatency']> {
  const rate = Math.max(1, Math.round(proxyRps / 2));
  const chosen = targets.filter((t) => t.name === 'direct' || t.name === 'nginx' || t.name === 'proxy');
  const runs: Record<string, FixedRateResult[]> = Object.fromEntries(chosen.map((t) => [t.name, []]));
  for (let round = 0; round < latencyRounds; round++) {
    for (let i = 0; i < chosen.length; i++) {
      const target = chosen[(round + i) % chosen.length] as Target;
      const request = { host: REQUEST.host ?? `${HOST}:${target.port}`, path: REQUEST.path };
      const result = await runFixedRateProcess({ host: HOST, port: target.port }, request, rate, latencySeconds, LOAD_CPU);
      if (result.failures > 0) console.warn(`${target.name}: ${result.failures} failed requests at ${rate} req/s`);
      runs[target.name]?.push(result);
    }
  }
  return addedLatency(rate, latencySeconds, runs);
}

async function main(): Promise<void> {
  const problem = checkFlags();
  if (problem !== undefined) {
    console.error(problem);
    process.exitCode = 2;
    return;
  }
  const targets = flags.tls ? await startTlsTargets() : await startCleartextTargets();
  log(
    `load: ${tool}, ${SCHEME}, ${connections} connections, ${seconds} s x ${rounds} interleaved rounds per target; ${flags.pin ? 'pinned: load+backend on CPU 0, proxy on CPU 1' : 'not pinned'}; proxy workers ${workerCounts.join(', ')}${REQUEST.host === undefined ? '' : `; every target gets Host ${REQUEST.host}, ${REQUEST.path}`}`,
  );
  // Warm-up: JIT, connection pools.
  for (const target of targets) await runLoad(tool, url(target), { seconds: 1, connections, commandPrefix: LOAD_CPU, host: REQUEST.host });
  const totals = new Map(targets.map((t) => [t.name, { results: [], cpuMicros: 0, rssBytes: 0 } as TargetRounds]));
  for (let round = 0; round < rounds; round++) {
    // Rotate the order too, so no target always runs right after the same neighbour.
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(round + i) % targets.length];
      const into = target === undefined ? undefined : totals.get(target.name);
      if (target !== undefined && into !== undefined) await measure(target, into);
    }
  }
  for (const target of targets) {
    const into = totals.get(target.name);
    if (into !== undefined) into.rssBytes = residentBytes(target.pid);
  }
  const figures = Object.fromEntries([...totals].map(([name, r]) => [name, targetFigures(name, r, totals)]));
  const summary: BenchSummary = {
    load: { tool, connections, seconds, rounds, pinned: flags.pin, workers: workerCounts, request: REQUEST },
    targets: figures,
    ...derivedFigures(figures, workerCounts, routeCount),
  };
  const proxyRps = figures.proxy?.requestsPerSecond;
  if (flags['added-latency'] && proxyRps !== undefined) summary.addedLatency = await measureAddedLatency(targets, proxyRps);
  for (const text of summaryLines(summary)) log(text);
  log('CPU and RSS: of the serving process and its descendants (direct: the echo backend; others: the proxy alone, RSS after the rounds).');
  if (flags.tls) log('TLS: both terminate the same RSA 2048 certificate; wrk keeps its connections alive, so this is mostly record encryption, not handshakes.');
  if (flags.json) console.log(JSON.stringify(summary, null, 2));
  await stopChildren();
}

try {
  await main();
} finally {
  for (const proc of children) if (proc.exitCode === null) proc.kill('SIGKILL');
  // nginx runs in the foreground as our child: never leave it behind, even when a role failed.
  await Promise.all(nginxes.map((n) => n.stop()));
  certificate?.remove();
}
