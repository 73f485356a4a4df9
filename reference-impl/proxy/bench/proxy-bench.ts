// Benchmark: the echo backend straight, through the reference proxy, and through a naive Node proxy
// (http.request + keep-alive Agent + pipe, the FACTS.md baseline), interleaved, each role in its own
// process. Prints requests/s and, more stable on a shared machine, the proxy's CPU time per request.
// Run: node reference-impl/proxy/bench/proxy-bench.ts [seconds per round]

import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Number(process.argv[2] ?? '5');
const ROUNDS = 2;
const child = fileURLToPath(new URL('./bench-process.ts', import.meta.url));
const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const proc of children) proc.kill('SIGTERM');
});

function start(role: string, args: string[] = []): Promise<{ port: number; pid: number }> {
  const proc = fork(child, [role, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve({ port: (m as { port: number }).port, pid: proc.pid ?? 0 }));
    proc.once('exit', (code) => reject(new Error(`bench role ${role} exited with ${code}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** CPU time (user + system) of a process in microseconds; 0 where /proc is missing. */
function cpuMicros(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}

interface Totals {
  requests: number;
  seconds: number;
  cpu: number;
}

async function measure(port: number, pid: number, into: Totals): Promise<void> {
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({ url: `http://127.0.0.1:${port}/bench?x=1`, connections: 50, duration: seconds });
  into.cpu += cpuMicros(pid) - cpuBefore;
  into.requests += result.requests.total;
  into.seconds += seconds;
  if (result.non2xx > 0 || result.errors > 0) console.warn(`port ${port}: ${result.non2xx} non-2xx, ${result.errors} errors`);
}

const echo = await start('echo');
const proxy = await start('proxy', [String(echo.port), String(await freePort())]);
const naive = await start('naive', [String(echo.port)]);
const targets = { direct: echo, proxy, naive };
const totals: Record<keyof typeof targets, Totals> = {
  direct: { requests: 0, seconds: 0, cpu: 0 },
  proxy: { requests: 0, seconds: 0, cpu: 0 },
  naive: { requests: 0, seconds: 0, cpu: 0 },
};
for (const { port } of Object.values(targets)) await autocannon({ url: `http://127.0.0.1:${port}/`, connections: 10, duration: 1 });
// Interleaved rounds, so a busy moment on the machine hits every target alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const name of ['direct', 'proxy', 'naive'] as const) await measure(targets[name].port, targets[name].pid, totals[name]);
}
const rps = (t: Totals): number => Math.round(t.requests / t.seconds);
const cpuPerRequest = (t: Totals): string => (t.cpu / t.requests).toFixed(1);
console.log(`direct to echo:   ${rps(totals.direct)} req/s (echo CPU ${cpuPerRequest(totals.direct)} us/req)`);
console.log(
  `reference proxy:  ${rps(totals.proxy)} req/s = ${(rps(totals.proxy) / rps(totals.direct)).toFixed(2)} of direct; proxy CPU ${cpuPerRequest(totals.proxy)} us/req`,
);
console.log(
  `naive Node proxy: ${rps(totals.naive)} req/s = ${(rps(totals.naive) / rps(totals.direct)).toFixed(2)} of direct; proxy CPU ${cpuPerRequest(totals.naive)} us/req`,
);
console.log(`reference / naive: ${(rps(totals.proxy) / rps(totals.naive)).toFixed(2)}x throughput, ${(totals.naive.cpu / totals.naive.requests / (totals.proxy.cpu / totals.proxy.requests)).toFixed(2)}x less CPU per request`);
process.exit(0);
