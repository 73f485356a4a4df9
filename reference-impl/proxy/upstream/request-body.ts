// The client's request body for the filtered path. Decision: a rule with retries buffers a body of
// up to `replayLimitBytes` so that every attempt can send it again; a larger body is streamed once
// (what was read so far, then the rest) and the request is not retried after that first attempt.
// Mirrors get copies of the body as it flows (see body-tee.ts): the main request is never held back
// by a mirror.

import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { PassThrough, type Readable } from 'node:stream';
import { teeBody } from './body-tee.ts';

export interface PreparedBody {
  /** What the next attempt sends. */
  main: Buffer | Readable | null;
  /** True when `main` can be sent again (no body, or a buffered one). */
  replayable: boolean;
  /** One body per mirror, in the order asked for. */
  mirrors: (Buffer | Readable | null)[];
}

export class ClientBodyAbortedError extends Error {
  readonly code = 'PROXY_CLIENT_BODY_ABORTED';
  constructor() {
    super('client closed the connection before its request body was complete');
    this.name = 'ClientBodyAbortedError';
  }
}

/** HTTP/1.1 frames a body with Content-Length or Transfer-Encoding; HTTP/2 (h2c clients) may send one without either. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  if (req.headers['transfer-encoding'] !== undefined) return true;
  return req.httpVersionMajor === 2 && !(req as unknown as Http2ServerRequest).stream.endAfterHeaders;
}

/** Reads up to `limit` bytes: the whole body as a Buffer, or (past the limit) a stream of all of it. */
function bufferUpTo(req: IncomingMessage, limit: number): Promise<Buffer | Readable> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      size += chunk.length;
      if (size <= limit) return;
      cleanup();
      req.pause();
      const rest = new PassThrough();
      for (const c of chunks) rest.write(c);
      req.pipe(rest);
      resolve(rest);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onClose = (): void => {
      if (req.complete) return;
      cleanup();
      reject(new ClientBodyAbortedError());
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

export interface BodyOptions {
  /** Buffer the body (up to replayLimitBytes) so attempts can resend it. */
  replay: boolean;
  replayLimitBytes: number;
  mirrorCount: number;
  /** A mirror falling this many bytes behind the main request is dropped. */
  mirrorLagLimitBytes: number;
}

/** Rejects with ClientBodyAbortedError when the client goes away while the body is being buffered. */
export async function prepareBody(req: IncomingMessage, options: BodyOptions): Promise<PreparedBody> {
  if (!hasBody(req)) return { main: null, replayable: true, mirrors: new Array(options.mirrorCount).fill(null) };
  const body: Buffer | Readable = options.replay ? await bufferUpTo(req, options.replayLimitBytes) : req;
  if (Buffer.isBuffer(body)) return { main: body, replayable: true, mirrors: new Array(options.mirrorCount).fill(body) };
  if (options.mirrorCount === 0) return { main: body, replayable: false, mirrors: [] };
  const { main, copies } = teeBody(body, options.mirrorCount, options.mirrorLagLimitBytes);
  return { main, replayable: false, mirrors: copies };
}
