// An HTTP backend for the feature tests that records every request it gets (with its body) and
// answers as the test says: to count retries, see mirrored copies, or stall on purpose.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  at: number;
}

/** Answers one recorded request; the default is 200 with the body `ok`. */
export type Answer = (request: RecordedRequest, res: ServerResponse, index: number) => void;

export interface RecordingServer {
  address: string;
  port: number;
  requests: RecordedRequest[];
  answer: Answer;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export const answerOk: Answer = (_request, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

export async function startRecordingServer(address: string): Promise<RecordingServer> {
  let connections = 0;
  const recorder: RecordingServer = {
    address,
    port: 0,
    requests: [],
    answer: answerOk,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), at: Date.now() };
      recorder.requests.push(recorded);
      recorder.answer(recorded, res, recorder.requests.length - 1);
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  recorder.port = (server.address() as AddressInfo).port;
  return recorder;
}
