// Benchmark: the echo backend straight, through nginx, through the reference proxy and through a naive
// Node proxy (http.request + keep-alive Agent + pipe), side by side in interleaved rounds (a noisy
// moment hits every target alike), each server in its own process. Prints requests/s, p50/p99
// latency, the serving process's CPU per request, and each proxy as a ratio of nginx.
//
// Run:  node reference-impl/proxy/bench/proxy-bench.ts [--seconds 5] [--rounds 3] [--connections 50]
//         [--load wrk|autocannon] [--pin] [--workers N] [--cpu-prof-dir DIR] [--before DIR] [--variants] [--filtered]
//         [--tls]
// Needs wrk (`apt-get install -y wrk`, else autocannon runs in this process and competes for the
// cores) and nginx (`apt-get install -y nginx-light`, else the nginx line is skipped, saying so).
// --pin puts the load generator and the backend on CPU 0 and the proxy under test on CPU 1 (taskset),
// so every proxy gets one whole core and no proxy steals from the backend: the fairest comparison on
// a 2-core machine. --workers N runs our proxy with N processes sharing each port (SO_REUSEPORT) and
// nginx with N workers. --variants adds two minimal proxies that differ only in the upstream client
// (undici Pool dispatch vs node:http request + keep-alive Agent), and a raw-socket ceiling that only
// understands Content-Length answers (what any upstream client costs at the least). --before DIR also runs the proxy of
// another copy of the repo as "before" (e.g. `git archive HEAD reference-impl package.json | tar -x
// -C DIR` plus a node_modules symlink), so a change is measured against its predecessor and nginx in
// the same run. --filtered also runs our proxy with a rule carrying a request and a response header
// filter ("filtered"), the price of leaving the plain path. --tls benches HTTPS instead: nginx and our proxy
// each terminate TLS with the same generated certificate (bench-certificate.ts) in front of the same cleartext
// echo, wrk speaking HTTPS/1.1 over kept-alive connections; only those two run, since the other targets speak
// cleartext. The bench writes nothing into the repository.

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchCertificate, writeBenchCertificate } from './bench-certificate.ts';
import { type LoadResult, type LoadTool, runLoad, wrkInstalled } from './load-generator.ts';
import { findNginx, type RunningNginx, startNginx } from './nginx-baseline.ts';
import { cpuMicros } from './process-cpu.ts';

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
  },
});
const seconds = Number(flags.seconds);
const rounds = Number(flags.rounds);
const connections = Number(flags.connections);
const workers = Number(flags.workers);
const tool: LoadTool = (flags.load as LoadTool | undefined) ?? (wrkInstalled() ? 'wrk' : 'autocannon');
const LOAD_CPU = flags.pin ? ['taskset', '-c', '0'] : [];
const PROXY_CPU = flags.pin ? ['taskset', '-c', '1'] : [];
const SCHEME = flags.tls ? 'https' : 'http';

const childScript = fileURLToPath(new URL('./bench-process.ts', import.meta.url));
const children: ChildProcess[] = [];
let nginx: RunningNginx | undefined;
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
  await Promise.all([...exits, nginx?.stop()]);
}

interface Rounds {
  results: LoadResult[];
  cpuMicros: number;
}

async function measure(target: Target, into: Rounds): Promise<void> {
  const before = cpuMicros(target.pid);
  const result = await runLoad(tool, `${SCHEME}://${HOST}:${target.port}/bench?x=1`, { seconds, connections, commandPrefix: LOAD_CPU });
  into.cpuMicros += cpuMicros(target.pid) - before;
  into.results.push(result);
  if (result.failures > 0) console.warn(`${target.name}: ${result.failures} failed requests (non-2xx or socket errors) in one round`);
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const rps = (r: Rounds): number => sum(r.results.map((x) => x.requests)) / sum(r.results.map((x) => x.seconds));

function line(name: string, r: Rounds, nginxRounds: Rounds | undefined): string {
  const perRound = r.results.map((x) => Math.round(x.requests / x.seconds)).join('/');
  const cpu = r.cpuMicros / sum(r.results.map((x) => x.requests));
  const vsNginx = nginxRounds === undefined || name === 'nginx' ? '' : `  = ${(rps(r) / rps(nginxRounds)).toFixed(2)} of nginx`;
  return `${name.padEnd(8)} ${Math.round(rps(r)).toString().padStart(6)} req/s (rounds ${perRound})  p50 ${median(r.results.map((x) => x.p50Ms)).toFixed(2)} ms  p99 ${median(r.results.map((x) => x.p99Ms)).toFixed(2)} ms  CPU ${cpu.toFixed(1)} us/req${vsNginx}`;
}

async function startNginxTarget(backendPort: number, tls?: BenchCertificate): Promise<Target[]> {
  const nginxBinary = findNginx();
  if (nginxBinary === undefined) {
    console.log('nginx: not installed, skipped (apt-get install -y nginx-light to compare against it)');
    return [];
  }
  nginx = await startNginx(nginxBinary, { host: HOST, listenPort: await freePort(), backendPort, workers, commandPrefix: PROXY_CPU, ...(tls === undefined ? {} : { tls }) });
  return [{ name: 'nginx', port: nginx.port, pid: nginx.pid }];
}

/** --tls: nginx and our proxy, both terminating the same certificate in front of the echo. */
async function startTlsTargets(): Promise<Target[]> {
  certificate = await writeBenchCertificate();
  const echo = await startRole('echo', [], LOAD_CPU);
  const profile = flags['cpu-prof-dir'] === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', flags['cpu-prof-dir']];
  const proxy = await startRole('proxy', [String(echo.port), String(await freePort()), String(workers), 'plain', certificate.dir], PROXY_CPU, profile);
  return [...(await startNginxTarget(echo.port, certificate)), proxy];
}

async function startCleartextTargets(): Promise<Target[]> {
  const echo = await startRole('echo', [], LOAD_CPU);
  const targets: Target[] = [{ ...echo, name: 'direct' }, ...(await startNginxTarget(echo.port))];
  const profile = flags['cpu-prof-dir'] === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', flags['cpu-prof-dir']];
  targets.push(await startRole('proxy', [String(echo.port), String(await freePort()), String(workers)], PROXY_CPU, profile));
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

async function main(): Promise<void> {
  if (flags.pin && workers > 1) {
    console.error('--pin gives every proxy one core (CPU 1); --workers above 1 needs both cores: use one or the other');
    process.exitCode = 2;
    return;
  }
  const cleartextOnly = (['before', 'variants', 'filtered'] as const).filter((flag) => flags[flag] !== undefined && flags[flag] !== false);
  if (flags.tls && cleartextOnly.length > 0) {
    console.error(`--tls benches nginx and our proxy terminating TLS only; drop --${cleartextOnly.join(', --')}`);
    process.exitCode = 2;
    return;
  }
  const targets = flags.tls ? await startTlsTargets() : await startCleartextTargets();
  console.log(
    `load: ${tool}, ${SCHEME}, ${connections} connections, ${seconds} s x ${rounds} interleaved rounds per target; ${flags.pin ? 'pinned: load+backend on CPU 0, proxy on CPU 1' : 'not pinned'}; proxy workers ${workers}`,
  );
  // Warm-up: JIT, connection pools.
  for (const target of targets) await runLoad(tool, `${SCHEME}://${HOST}:${target.port}/`, { seconds: 1, connections, commandPrefix: LOAD_CPU });
  const totals = new Map(targets.map((t) => [t.name, { results: [], cpuMicros: 0 } as Rounds]));
  for (let round = 0; round < rounds; round++) {
    // Rotate the order too, so no target always runs right after the same neighbour.
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(round + i) % targets.length];
      const into = target === undefined ? undefined : totals.get(target.name);
      if (target !== undefined && into !== undefined) await measure(target, into);
    }
  }
  const nginxTotals = totals.get('nginx');
  for (const [name, r] of totals) console.log(line(name, r, nginxTotals));
  console.log('CPU: of the serving process and its descendants (direct: the echo backend; others: the proxy alone).');
  if (flags.tls) console.log('TLS: both terminate the same RSA 2048 certificate; wrk keeps its connections alive, so this is mostly record encryption, not handshakes.');
  await stopChildren();
}

try {
  await main();
} finally {
  for (const proc of children) if (proc.exitCode === null) proc.kill('SIGKILL');
  // nginx runs in the foreground as our child: never leave it behind, even when a role failed.
  await nginx?.stop();
  certificate?.remove();
}
