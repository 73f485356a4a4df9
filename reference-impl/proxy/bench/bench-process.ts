// Child process for the proxy benchmark: runs one role (echo, proxy or naive proxy) so the load
// generator, the proxy and the backend do not share one event loop.

import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { startEchoServer } from '../../echo/echo-server.ts';
import { configStreamPath, type GatewayIR } from '../../ir/gateway-ir.ts';
import { startProxy } from '../proxy.ts';

const [role, arg1, arg2] = process.argv.slice(2);
const HOST = '127.0.0.1';

function report(port: number): void {
  process.send?.({ port });
}

async function runProxy(backendPort: number, listenPort: number): Promise<void> {
  const ir: GatewayIR = {
    schemaVersion: 1,
    gateway: { namespace: 'bench', name: 'gw' },
    listeners: [
      {
        port: listenPort,
        protocol: 'HTTP',
        virtualHosts: [
          {
            hostname: '*',
            rules: [
              {
                id: 'bench/r/rule/0/match/0',
                match: { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
                backends: [{ kind: 'service', name: 'bench/echo:80', weight: 1, endpoints: [{ address: HOST, port: backendPort }] }],
              },
            ],
          },
        ],
      },
    ],
  };
  const config = createServer((req, res) => {
    if (req.url !== configStreamPath('bench', 'gw')) return void res.writeHead(404).end();
    res.writeHead(200);
    res.write(`${JSON.stringify({ version: 1, ir })}\n`);
  });
  await new Promise<void>((r) => config.listen(0, HOST, r));
  const proxy = await startProxy({
    gateway: { namespace: 'bench', name: 'gw' },
    configServer: `${HOST}:${(config.address() as AddressInfo).port}`,
    host: HOST,
    adminPort: 0,
    logger: pino({ level: 'warn' }),
  });
  await proxy.whenVersionApplied(1, 5000);
  report(listenPort);
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
    await runProxy(Number(arg1), Number(arg2));
  } else if (role === 'naive') {
    await runNaive(Number(arg1));
  } else {
    throw new Error(`unknown role ${String(role)}; expected echo, proxy or naive`);
  }
}

// A clean exit on SIGINT lets --cpu-prof write its profile when profiling a role.
process.once('SIGINT', () => process.exit(0));
await main();
