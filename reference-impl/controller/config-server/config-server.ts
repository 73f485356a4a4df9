// The controller's HTTP endpoint: each proxy pod holds one NDJSON stream of its Gateway's IR
// (current state at once, then every change, as deltas when the proxy asks for them with ?deltas=1);
// /healthz and /readyz serve the kubelet's probes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { configStreamPath, DELTA_STREAM_QUERY } from '../../ir/gateway-ir.ts';
import { listenOn } from '../../net/listen-on.ts';
import type { IrRegistry, PublishedIr } from './ir-registry.ts';

export interface ConfigServerOptions {
  host: string;
  port: number;
  registry: IrRegistry;
  /** True once the first full sync has been applied. */
  isReady: () => boolean;
}

export interface RunningConfigServer {
  readonly port: number;
  close(): Promise<void>;
}

const STREAM_PATH = /^\/v1\/gateways\/([^/]+)\/([^/]+)\/ir$/;

export async function startConfigServer(options: ConfigServerOptions): Promise<RunningConfigServer> {
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => handle(request, response, options, streams));
  // Streams live as long as the proxy does: no request or idle timeout may cut them.
  server.requestTimeout = 0;
  server.timeout = 0;
  const port = await listenOn(server, options.port, options.host);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handle(request: IncomingMessage, response: ServerResponse, options: ConfigServerOptions, streams: Set<ServerResponse>): void {
  const [path = '/', query = ''] = (request.url ?? '/').split('?');
  const match = STREAM_PATH.exec(path);
  const target = match ? decodeTarget(match[1] ?? '', match[2] ?? '') : undefined;
  if (request.method !== 'GET') plain(response, 405, 'only GET is served here\n');
  else if (path === '/healthz') plain(response, 200, 'ok\n');
  else if (path === '/readyz') plain(response, options.isReady() ? 200 : 503, options.isReady() ? 'ok\n' : 'waiting for the first full sync\n');
  else if (target) serveStream(request, response, { key: `${target.namespace}/${target.name}`, deltas: query.split('&').includes(DELTA_STREAM_QUERY) }, options.registry, streams);
  else plain(response, 404, `not found: ${path}; streams are served at ${configStreamPath('<namespace>', '<name>')}\n`);
}

/** A stream of one Gateway's IR; `deltas`: the proxy asked for changes as deltas after the first whole IR. */
function serveStream(request: IncomingMessage, response: ServerResponse, stream: { key: string; deltas: boolean }, registry: IrRegistry, streams: Set<ServerResponse>): void {
  const { key } = stream;
  request.socket.setKeepAlive(true, 10_000);
  response.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  response.flushHeaders();
  streams.add(response);
  let lastVersion = -1;
  const send = (published: PublishedIr) => {
    const { version } = published.message;
    if (version <= lastVersion) return;
    // A delta only applies to the IR it was made from: a stream sent another one (or none) gets the whole IR.
    const delta = stream.deltas && published.delta?.baseVersion === lastVersion ? published.delta.line : undefined;
    lastVersion = version;
    response.write(delta ?? published.fullLine());
  };
  const unsubscribe = registry.subscribe(key, send);
  send(registry.currentPublished(key));
  response.on('close', () => {
    unsubscribe();
    streams.delete(response);
  });
}

function decodeTarget(namespace: string, name: string): { namespace: string; name: string } | undefined {
  try {
    return { namespace: decodeURIComponent(namespace), name: decodeURIComponent(name) };
  } catch {
    return undefined;
  }
}

function plain(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(body);
}
