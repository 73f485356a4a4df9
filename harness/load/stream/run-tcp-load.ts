// TCP connections per second and bytes per second through a gateway's TCP listener to the TCP echo: each of
// `connections` workers opens a connection, reads the echo's welcome line, sends `pings` PING lines and a TEST
// line in one write, reads the PONGs and the TEST answer (which says which backend took the connection),
// closes, and starts over. One connection is one operation; its latency runs from connect to the last answer
// byte; the bytes are everything written and read on it. The TCP echo answers line commands only, so PING is
// what carries payload both ways.
import { connect } from 'node:net';
import { parseTcpEchoAccount } from '../../traffic/tls-stream/tcp-echo-account.ts';
import type { LoopWorker, OperationOutcome } from './closed-loop.ts';

export interface TcpLoadSpec {
  /** PING lines sent per connection (5 bytes each way apiece). */
  pings: number;
  timeoutMs: number;
}

const WELCOME_LINE = 1;

function oneConnection(target: { host: string; port: number }, spec: TcpLoadSpec): Promise<OperationOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const request = Buffer.from(`${'PING\n'.repeat(spec.pings)}TEST\n`);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: OperationOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ status: 'timeout', ok: false, transportError: true, timeout: true }), spec.timeoutMs);
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const lines = received.toString('utf8').split('\n');
      // Complete lines: the welcome, the PONGs, then the TEST answer.
      if (lines.length - 1 < WELCOME_LINE + spec.pings + 1) return;
      const pongs = lines.slice(WELCOME_LINE, WELCOME_LINE + spec.pings);
      const account = parseTcpEchoAccount(lines[WELCOME_LINE + spec.pings] ?? '');
      const bytes = request.length + received.length;
      if (pongs.some((line) => line !== 'PONG') || account === undefined) finish({ status: 'unexpected answer', ok: false, bytes });
      else finish({ status: 'OK', ok: true, bytes, backend: account.service || account.pod });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ status: error.code ?? 'error', ok: false, transportError: true }));
    socket.once('close', () => finish({ status: 'closed early', ok: false, transportError: true }));
  });
}

export function tcpLoadWorkers(target: { host: string; port: number }, spec: TcpLoadSpec, count: number): LoopWorker[] {
  return Array.from({ length: count }, () => ({ once: () => oneConnection(target, spec), close: () => undefined }));
}
