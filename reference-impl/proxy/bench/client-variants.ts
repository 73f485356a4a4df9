// Minimal proxies that differ only in the upstream client, to measure which one the reference
// proxy should build on: undici's Pool with a dispatch handler, or node:http's request with a
// keep-alive Agent. No routing, same header rewriting; run with `--variants` in proxy-bench.

import { Agent, createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import { Pool } from 'undici';
import { responseHeaderList, upstreamRequestHeaders } from '../upstream/forwarded-headers.ts';

function flatWithoutHopByHop(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] ?? '';
    const lower = name.toLowerCase();
    if (lower === 'connection' || lower === 'keep-alive' || lower === 'transfer-encoding') continue;
    out.push(name, raw[i + 1] ?? '');
  }
  return out;
}

export function httpRequestProxy(host: string, backendPort: number): Server {
  const agent = new Agent({ keepAlive: true, maxSockets: 256, scheduling: 'lifo' });
  return createServer({ noDelay: true }, (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      {
        host,
        port: backendPort,
        path: req.url,
        method: req.method,
        headers: upstreamRequestHeaders(req.rawHeaders, req.socket.remoteAddress ?? '', 'http'),
        agent,
        setHost: false,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, flatWithoutHopByHop(up.rawHeaders));
        up.on('data', (chunk: Buffer) => res.write(chunk));
        up.on('end', () => res.end());
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    upstream.end();
  });
}

export function undiciProxy(host: string, backendPort: number): Server {
  const pool = new Pool(`http://${host}:${backendPort}`, { connections: null, pipelining: 1, keepAliveTimeout: 60_000 });
  return createServer({ noDelay: true }, (req: IncomingMessage, res: ServerResponse) => {
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart() {
        // undici requires the method; nothing to keep here.
      },
      onResponseStart(_controller, statusCode, headers) {
        res.writeHead(statusCode, responseHeaderList(headers));
      },
      onResponseData(_controller, chunk: Buffer) {
        res.write(chunk);
      },
      onResponseEnd() {
        res.end();
      },
      onResponseError() {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      },
    };
    pool.dispatch(
      { path: req.url ?? '/', method: 'GET', headers: upstreamRequestHeaders(req.rawHeaders, req.socket.remoteAddress ?? '', 'http'), blocking: true },
      handler,
    );
  });
}

/**
 * A ceiling, not a proxy: a hand-rolled HTTP/1.1 client on raw sockets that only understands
 * Content-Length responses. Shows what the upstream client costs (undici and node:http both do far
 * more: chunked bodies, timeouts, idle-socket checks, errors).
 */
export function rawSocketProxy(host: string, backendPort: number): Server {
  const idle: Socket[] = [];
  return createServer({ noDelay: true }, (req: IncomingMessage, res: ServerResponse) => {
    let reused = idle.pop();
    // The backend closes idle keep-alive sockets after a while: skip the ones already gone.
    while (reused !== undefined && (reused.destroyed || !reused.writable)) reused = idle.pop();
    const socket = reused ?? connect({ host, port: backendPort, noDelay: true });
    const headers = upstreamRequestHeaders(req.rawHeaders, req.socket.remoteAddress ?? '', 'http');
    let head = `${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1\r\n`;
    for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
    socket.write(`${head}\r\n`, 'latin1');
    let buffered: Buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      const lines = buffered.toString('latin1', 0, end).split('\r\n');
      const status = Number(lines[0]?.split(' ')[1] ?? 502);
      const list: string[] = [];
      let length = 0;
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        if (name === 'connection' || name === 'keep-alive') continue;
        list.push(name, value);
      }
      if (buffered.length < end + 4 + length) return;
      socket.off('data', onData);
      res.writeHead(status, list);
      res.end(buffered.subarray(end + 4, end + 4 + length));
      idle.push(socket);
    };
    socket.on('data', onData);
  });
}
