// Child process for the proxy benchmark: runs one role (echo, proxy or naive proxy) so the load
// generator, the proxy and the backend do not share one event loop.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { startEchoServer } from '../../echo/echo-server.ts';
import { configStreamPath, type GatewayIR, IR_SCHEMA_VERSION, type PortTlsIR } from '../../ir/gateway-ir.ts';
import { tuneGarbageCollector } from '../gc-tuning.ts';
import { startProxy } from '../proxy.ts';
import { httpRequestProxy, rawSocketProxy, undiciProxy } from './client-variants.ts';
import { benchRouteTable } from './route-table.ts';

const [role, arg1, arg2, arg3, arg4, arg5] = process.argv.slice(2);
const HOST = '127.0.0.1';

function report(port: number): void {
  process.send?.({ port });
}

/** The listening port's TLS termination from the bench's certificate files (--tls); the `*` entry serves every SNI. */
function benchTls(certificateDir: string): PortTlsIR {
  const certificate = { name: 'bench/certificate', certificateChain: readFileSync(join(certificateDir, 'cert.pem'), 'utf8'), privateKey: readFileSync(join(certificateDir, 'key.pem'), 'utf8') };
  return { serverNames: [{ hostname: '*', listener: 'https', certificates: [certificate] }] };
}

/**
 * `mode`: `plain` (one rule for every request), `filtered` (the rule also sets a request header and a response
 * header, so requests take the filtered path) or `routes=N` (N HTTPRoutes over hosts and paths, route-table.ts).
 * `certificateDir`: the port is HTTPS, terminating the certificate in that folder (bench-certificate.ts).
 */
async function runProxy(backendPort: number, listenPort: number, workers: number, mode: string, certificateDir?: string): Promise<void> {
  const filtered = mode === 'filtered';
  const routeCount = mode.startsWith('routes=') ? Number(mode.slice('routes='.length)) : 0;
  const ir: GatewayIR = {
    schemaVersion: IR_SCHEMA_VERSION,
    gateway: { namespace: 'bench', name: 'gw' },
    listeners: [
      {
        port: listenPort,
        ...(certificateDir === undefined ? { protocol: 'HTTP' as const } : { protocol: 'HTTPS' as const, tls: benchTls(certificateDir) }),
        virtualHosts: routeCount > 0 ? benchRouteTable(routeCount, { address: HOST, port: backendPort }) : [
          {
            hostname: '*',
            rules: [
              {
                id: 'bench/r/rule/0/match/0',
                match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
                filters: filtered
                  ? [
                      { type: 'RequestHeaderModifier', set: [{ name: 'x-bench', value: 'filtered' }], add: [], remove: [] },
                      { type: 'ResponseHeaderModifier', set: [{ name: 'x-served-by', value: 'gauntlet' }], add: [], remove: [] },
                    ]
                  : [],
                backends: [{ kind: 'service', name: 'bench/echo:80', weight: 1, protocol: 'http', filters: [], endpoints: [{ address: HOST, port: backendPort }] }],
              },
            ],
          },
        ],
      },
    ],
  };
  const config = createServer((req, res) => {
    // The proxy may ask for deltas (a query after the path); one whole IR is a valid answer to either.
    if ((req.url ?? '').split('?')[0] !== configStreamPath('bench', 'gw')) return void res.writeHead(404).end();
    res.writeHead(200);
    res.write(`${JSON.stringify({ version: 1, ir })}\n`);
  });
  await new Promise<void>((r) => config.listen(0, HOST, r));
  const configServer = `${HOST}:${(config.address() as AddressInfo).port}`;
  if (workers > 1) {
    await runProxyMain(configServer, workers);
    report(listenPort);
    return;
  }
  // As main.ts does in a pod: the bench measures what pods run.
  tuneGarbageCollector();
  const proxy = await startProxy({
    gateway: { namespace: 'bench', name: 'gw' },
    configServer,
    host: HOST,
    adminPort: 0,
    logger: pino({ level: 'warn' }),
  });
  await proxy.whenVersionApplied(1, 5000);
  report(listenPort);
}

/** Several proxy processes as the image runs them: main.ts with PROXY_WORKERS (SO_REUSEPORT). */
async function runProxyMain(configServer: string, workers: number): Promise<void> {
  const admin = createServer();
  await new Promise<void>((r) => admin.listen(0, HOST, r));
  const adminPort = (admin.address() as AddressInfo).port;
  await new Promise<void>((r) => admin.close(() => r()));
  const main = fileURLToPath(new URL('../main.ts', import.meta.url));
  const env = { ...process.env, GATEWAY_NAMESPACE: 'bench', GATEWAY_NAME: 'gw', CONFIG_SERVER: configServer, POD_IP: HOST, ADMIN_PORT: String(adminPort), PROXY_WORKERS: String(workers) };
  const proc = spawn(process.execPath, [main], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  process.once('exit', () => proc.kill('SIGTERM'));
  for (let attempt = 0; attempt < 100; attempt++) {
    const ready = await fetch(`http://${HOST}:${adminPort}/ready`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`proxy main.ts with ${workers} workers not ready within 10 s`);
}

/** The "naive" proxy of FACTS.md: http.request with a keep-alive Agent, piping bodies. */
async function runNaive(backendPort: number): Promise<void> {
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server = createServer((req, res) => {
    const upstream = request({ host: HOST, port: backendPort, path: req.url, method: req.method, headers: req.headers, agent }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, HOST, r));
  report((server.address() as AddressInfo).port);
}

async function main(): Promise<void> {
  if (role === 'echo') {
    const echo = await startEchoServer({ host: HOST, port: 0, context: { namespace: 'bench', ingress: '', service: 'echo', pod: 'echo-0' } });
    report(echo.port);
  } else if (role === 'proxy') {
    await runProxy(Number(arg1), Number(arg2), Number(arg3 ?? '1'), arg4 ?? 'plain', arg5);
  } else if (role === 'naive') {
    await runNaive(Number(arg1));
  } else if (role === 'lean-http' || role === 'lean-undici' || role === 'lean-raw') {
    const make = role === 'lean-http' ? httpRequestProxy : role === 'lean-undici' ? undiciProxy : rawSocketProxy;
    const server = make(HOST, Number(arg1));
    await new Promise<void>((r) => server.listen(0, HOST, r));
    report((server.address() as AddressInfo).port);
  } else {
    throw new Error(`unknown role ${String(role)}; expected echo, proxy, naive, lean-http, lean-undici or lean-raw`);
  }
}

// A clean exit on SIGINT lets --cpu-prof write its profile when profiling a role.
process.once('SIGINT', () => process.exit(0));
await main();
