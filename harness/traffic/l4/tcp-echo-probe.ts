// One TCP connection to the TCP echo through a gateway: connect, read the echo's welcome line, run the
// exchange, then ask `TEST` for the echo's account of the connection (its pod, namespace and service).
// Every read has a deadline; the connection is always closed.
import { connect, type Socket } from 'node:net';
import type { ExchangeStepDocument } from '../../scenario/format/protocol-requests.ts';
import { type Mismatch, mismatch } from '../mismatch.ts';
import type { ProbeTarget } from '../send-request.ts';
import { StreamReader } from '../tls-stream/stream-reader.ts';
import { parseTcpEchoAccount, type TcpEchoAccount } from '../tls-stream/tcp-echo-account.ts';

/** The TCP echo's first line on every connection (upstream's welcome). */
export const TCP_ECHO_WELCOME = 'Gateway API Test TCP Server\n';

export type TcpProbeOutcome = { account: TcpEchoAccount } | { mismatches: Mismatch[] };

function open(target: ProbeTarget, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, noDelay: true });
    const timer = setTimeout(() => socket.destroy(new Error(`no connection to ${target.host}:${target.port} within ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export async function probeTcpEcho(target: ProbeTarget, exchange: readonly ExchangeStepDocument[], timeoutMs: number): Promise<TcpProbeOutcome> {
  let socket: Socket | undefined;
  try {
    socket = await open(target, timeoutMs);
    socket.on('error', () => undefined);
    const reader = new StreamReader(socket);
    const welcome = await reader.readExpected(TCP_ECHO_WELCOME, timeoutMs);
    if (welcome !== TCP_ECHO_WELCOME) return { mismatches: [mismatch('welcome', JSON.stringify(TCP_ECHO_WELCOME), JSON.stringify(welcome))] };
    for (const [index, step] of exchange.entries()) {
      if (step.send !== undefined) socket.write(step.send);
      if (step.receive === undefined) continue;
      const received = await reader.readExpected(step.receive, timeoutMs);
      if (received !== step.receive) return { mismatches: [mismatch(`exchange[${index}] received`, JSON.stringify(step.receive), JSON.stringify(received))] };
    }
    socket.write('TEST\n');
    const line = await reader.readLine(timeoutMs);
    const account = parseTcpEchoAccount(line);
    if (account === undefined) return { mismatches: [mismatch('backend', "the TCP echo's answer to TEST", JSON.stringify(line))] };
    return { account };
  } catch (error) {
    const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
    return { mismatches: [mismatch('connection', 'a TCP connection carried to the TCP echo', reason)] };
  } finally {
    socket?.destroy();
  }
}
