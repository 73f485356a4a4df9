// Where the p99 of a fixed-rate run comes from (the proxy bench's --added-latency, taken apart): runs the echo
// backend and one target (the proxy, nginx, or the backend straight) each in its own process, drives the target
// at a constant rate with the harness's open-model dispatcher in this process (sampled-open-model.ts), keeps every request's send time and
// latency, and records every garbage collection of the generator, the backend and the proxy (gc-observer.ts). It
// prints the tail's anatomy (tail-anatomy.ts): how many requests were over the p99, in bursts or spread, how many
// of them overlapped each process's GC pauses, and the generator's own schedule lag.
//
// Run:  node reference-impl/proxy/bench/latency-anatomy.ts [--target proxy|nginx|direct] [--rate 15000]
//         [--seconds 5] [--connections 64] [--generator-cpu 0] [--backend-cpu 0] [--target-cpu 1]
//         [--target-flags=--min-semi-space-size=16]   (Node options for the proxy; `=` since they start with a dash)
// The --*-cpu options place each process with taskset (a CPU list, as taskset takes it); unset, unpinned.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GC_REPORT_REQUEST, type GcEvent, takeGcEvents } from './gc-observer.ts';
import { findNginx, startNginx } from './nginx-baseline.ts';
import { cpuMicros } from './process-cpu.ts';
import { runSampledOpenModel, type SampledRecorder } from './sampled-open-model.ts';
import { tailAnatomy } from './tail-anatomy.ts';

const HOST = '127.0.0.1';
const { values: flags } = parseArgs({
  options: {
    target: { type: 'string', default: 'proxy' },
    rate: { type: 'string', default: '15000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '64' },
    'generator-cpu': { type: 'string' },
    'backend-cpu': { type: 'string' },
    'target-cpu': { type: 'string' },
    'target-flags': { type: 'string', default: '' },
  },
});
const rate = Number(flags.rate);
const durationMs = Number(flags.seconds) * 1000;
const pinned = (cpus: string | undefined): string[] => (cpus === undefined ? [] : ['taskset', '-c', cpus]);
const children: ChildProcess[] = [];
const observer = fileURLToPath(new URL('./gc-observer.ts', import.meta.url));
const roleScript = fileURLToPath(new URL('./bench-process.ts', import.meta.url));

function startRole(role: string, args: string[], cpus: string | undefined, v8Flags: string[] = []): Promise<{ port: number; proc: ChildProcess }> {
  const [command = process.execPath, ...prefix] = [...pinned(cpus), process.execPath];
  const proc = spawn(command, [...prefix, ...v8Flags, '--import', observer, roleScript, role, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve({ port: (m as { port: number }).port, proc }));
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code} before reporting its port`)));
  });
}

function gcReport(proc: ChildProcess): Promise<GcEvent[]> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if ((m as { type?: string }).type !== GC_REPORT_REQUEST) return;
      proc.off('message', onMessage);
      resolve((m as { events: GcEvent[] }).events);
    };
    proc.on('message', onMessage);
    proc.send({ type: GC_REPORT_REQUEST });
  });
}

async function main(): Promise<void> {
  if (flags['generator-cpu'] !== undefined) spawnSync('taskset', ['-a', '-p', '-c', flags['generator-cpu'], String(process.pid)], { stdio: 'ignore' });
  const echo = await startRole('echo', [], flags['backend-cpu']);
  const processes: Record<string, ChildProcess> = { backend: echo.proc };
  let port = echo.port;
  let nginxPid: number | undefined;
  if (flags.target === 'proxy') {
    const proxyFlags = flags['target-flags'].split(' ').filter((f) => f !== '');
    const proxy = await startRole('proxy', [String(echo.port), String(await freePort()), '1'], flags['target-cpu'], proxyFlags);
    processes.proxy = proxy.proc;
    port = proxy.port;
  } else if (flags.target === 'nginx') {
    const binary = findNginx();
    if (binary === undefined) throw new Error('nginx is not installed (apt-get install -y nginx-light)');
    const nginx = await startNginx(binary, { host: HOST, listenPort: await freePort(), backendPort: echo.port, workers: 1, commandPrefix: pinned(flags['target-cpu']) });
    port = nginx.port;
    nginxPid = nginx.pid;
    process.once('exit', () => void nginx.stop());
  }
  await warmUp(port);
  for (const proc of Object.values(processes)) await gcReport(proc);
  takeGcEvents();
  const pids: Record<string, number> = Object.fromEntries(Object.entries(processes).map(([name, proc]) => [name, proc.pid ?? 0]));
  if (nginxPid !== undefined) pids.nginx = nginxPid;
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMicros(pid)]));
  // The generator's own (cpuMicros would add its children, the servers).
  const generatorBefore = process.cpuUsage();
  const recorder = await runSampledOpenModel({ host: HOST, port }, { rate, durationMs, connections: Number(flags.connections), path: '/bench?x=1' });
  const generatorUsed = process.cpuUsage(generatorBefore);
  const cpu: Record<string, number> = { generator: (generatorUsed.user + generatorUsed.system) / recorder.count };
  for (const [name, pid] of Object.entries(pids)) cpu[name] = (cpuMicros(pid) - (cpuBefore[name] ?? 0)) / recorder.count;
  const gcs: Record<string, GcEvent[]> = { generator: takeGcEvents() };
  for (const [name, proc] of Object.entries(processes)) gcs[name] = await gcReport(proc);
  print(recorder, gcs);
  console.log(`  CPU per request (us): ${Object.entries(cpu).map(([name, us]) => `${name} ${us.toFixed(1)}`).join(', ')}`);
}

function print(recorder: SampledRecorder, gcs: Record<string, GcEvent[]>): void {
  const a = tailAnatomy({ sentEpochMs: recorder.sentEpochMs, latencyMs: recorder.latencyMs, count: recorder.count }, gcs);
  const lag = recorder.lagMs.sort((x, y) => x - y);
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  const placement = `generator ${flags['generator-cpu'] ?? 'any'}, backend ${flags['backend-cpu'] ?? 'any'}, target ${flags['target-cpu'] ?? 'any'}`;
  console.log(`${flags.target} at ${rate} req/s for ${flags.seconds} s (CPUs: ${placement}${flags['target-flags'] === '' ? '' : `; target flags ${flags['target-flags']}`})`);
  console.log(`  ${a.requests} answers: p50 ${ms(a.p50Ms)}, p99 ${ms(a.p99Ms)}, p99.9 ${ms(a.p999Ms)}, max ${ms(a.maxMs)}`);
  console.log(`  generator schedule lag: p50 ${ms(lag[Math.floor(lag.length / 2)] ?? 0)}, p99 ${ms(lag[Math.floor(lag.length * 0.99)] ?? 0)}, max ${ms(lag.at(-1) ?? 0)}`);
  console.log(`  ${a.slow} at or over the p99 in ${a.slowWindows} of ${a.windowsTotal} 10 ms windows; the worst tenth of those windows hold ${(a.worstTenthShare * 100).toFixed(0)}% of them`);
  for (const [name, g] of Object.entries(a.gc)) {
    console.log(
      `  ${name.padEnd(9)} GC: ${g.count.minor} minor, ${g.count.major} major, ${g.count.incremental} incremental; pauses ${ms(g.totalPauseMs)} in all, longest ${ms(g.maxPauseMs)}; ${(g.slowDuringPause * 100).toFixed(0)}% of those were in flight during one`,
    );
  }
  console.log(`  worst latency per quarter second (ms): ${a.maxByQuarterSecond.map((x) => x.toFixed(1)).join(' ')}`);
  for (const w of a.worst) console.log(`    at ${String(w.atMs).padStart(5)} ms: ${w.slow} at or over the p99, worst ${ms(w.maxLatencyMs)}${w.pauses.length === 0 ? '' : `; pauses: ${w.pauses.join(', ')}`}`);
}

async function warmUp(port: number): Promise<void> {
  const { request } = await import('node:http');
  for (let i = 0; i < 2000; i++) {
    await new Promise<void>((resolve, reject) => request({ host: HOST, port, path: '/bench?x=1' }, (res) => res.resume().once('end', resolve)).once('error', reject).end());
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer().listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function stopGently(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 3000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGINT');
  });
}

try {
  await main();
} finally {
  // SIGINT first: a child started with --cpu-prof (--target-flags) writes its profile as it exits.
  await Promise.all(children.map(stopGently));
  for (const proc of children) proc.kill('SIGKILL');
  // The generator's sockets and the children's IPC channels would keep this process alive.
  process.exit();
}
