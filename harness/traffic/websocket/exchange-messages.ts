// One WebSocket connection through a gateway: the upgrade request (Host and headers as the scenario says),
// then each message sent and its echo awaited in turn, all within a bounded time. The upgrade's status and
// headers come back like an HTTP response's, so the same response checks apply; a refused upgrade (any
// status but 101) is an answer, not an error. Transport failures reject with ProbeError.
//
//   exchangeMessages(target, spec, options?): Promise<WebSocketExchange>
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import WebSocket, { type RawData } from 'ws';
import type { WebSocketSpec } from '../../scenario/scenario-types.ts';
import { type Mismatch, mismatch } from '../mismatch.ts';
import { DEFAULT_PROBE_TIMEOUT_MS, ProbeError, type ProbeTarget } from '../send-request.ts';

export interface WebSocketExchange {
  status: number;
  headers: IncomingHttpHeaders;
  /** Messages that did not come back unchanged; empty after a refused upgrade (nothing was sent). */
  echoMismatches: Mismatch[];
  /** From the upgrade request to the last echo (or the refusal). */
  elapsedMs: number;
}

type Message = WebSocketSpec['messages'][number];

function describe(message: Message | { data: RawData; isBinary: boolean }): string {
  if (typeof message === 'string') return `text ${JSON.stringify(message)}`;
  if ('binary' in message) return `binary [${message.binary.join(', ')}]`;
  const bytes = Buffer.isBuffer(message.data) ? message.data : Buffer.concat(Array.isArray(message.data) ? message.data : [Buffer.from(message.data)]);
  return message.isBinary ? `binary [${[...bytes].join(', ')}]` : `text ${JSON.stringify(bytes.toString('utf8'))}`;
}

function nextMessage(socket: WebSocket): Promise<{ data: RawData; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    socket.once('message', (data, isBinary) => resolve({ data, isBinary }));
    socket.once('close', (code) => reject(new Error(`the connection closed (code ${code}) before the echo arrived`)));
  });
}

async function echoEach(socket: WebSocket, messages: readonly Message[]): Promise<Mismatch[]> {
  const found: Mismatch[] = [];
  for (const [index, message] of messages.entries()) {
    const reply = nextMessage(socket);
    socket.send(typeof message === 'string' ? message : Buffer.from(message.binary), { binary: typeof message !== 'string' });
    const got = describe(await reply);
    if (got !== describe(message)) found.push(mismatch(`websocket message ${index + 1}`, describe(message), got));
  }
  return found;
}

export function exchangeMessages(target: ProbeTarget, spec: WebSocketSpec, options: { timeoutMs?: number } = {}): Promise<WebSocketExchange> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const where = `WebSocket ws://${spec.host ?? `${target.host}:${target.port}`}${spec.path} via ${target.host}:${target.port}`;
  const started = performance.now();
  const headers = { ...spec.headers, ...(spec.host === undefined ? {} : { host: spec.host }) };
  const socket = new WebSocket(`ws://${target.host}:${target.port}${spec.path}`, { headers, handshakeTimeout: timeoutMs, followRedirects: false });
  const elapsed = () => performance.now() - started;
  const exchange = new Promise<WebSocketExchange>((resolve, reject) => {
    let upgrade: IncomingMessage | undefined;
    socket.once('upgrade', (response) => {
      upgrade = response;
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, echoMismatches: [], elapsedMs: elapsed() });
      socket.terminate();
    });
    socket.once('open', () => {
      echoEach(socket, spec.messages).then(
        (echoMismatches) => resolve({ status: upgrade?.statusCode ?? 101, headers: upgrade?.headers ?? {}, echoMismatches, elapsedMs: elapsed() }),
        (error: Error) => reject(new ProbeError(`${where}: ${error.message}`, { cause: error })),
      );
    });
    socket.once('error', (error) => reject(new ProbeError(`${where}: ${error.message}`, { cause: error })));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeError(`${where}: no echo within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([exchange, timeout]).finally(() => {
    clearTimeout(timer);
    socket.terminate();
  });
}
