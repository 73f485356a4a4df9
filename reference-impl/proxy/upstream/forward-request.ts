// Forwards one client request to an upstream pool and streams the answer back, without buffering
// either body. Uses undici's low-level dispatch handler: no intermediate streams on the hot path.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { stripResponseHopByHop, upstreamRequestHeaders } from './forwarded-headers.ts';
import { classifyUpstreamFailure, isStaleConnectionError } from './upstream-failure.ts';

export interface ForwardOptions {
  /** Longest wait for the upstream's response headers. */
  headersTimeoutMs: number;
  /** Longest gap between two chunks of the upstream's response body. */
  bodyTimeoutMs: number;
}

export interface UpstreamTarget {
  pool: Dispatcher;
  /** `address:port`, named in error answers. */
  name: string;
  /** Origin-form request target (path and query) sent upstream. */
  path: string;
}

/**
 * Called once per request with the status the client got (0 when the exchange broke mid-response)
 * and, when the upstream is to blame, its error (the client going away is not an upstream error).
 */
export type ForwardDone = (status: number, upstreamError?: Error) => void;

class ClientGoneError extends Error {
  readonly code = 'PROXY_CLIENT_GONE';
  constructor() {
    super('client closed the connection before the upstream answer was complete');
    this.name = 'ClientGoneError';
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

export function sendPlain(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(message) + 1 });
  res.end(`${message}\n`);
}

export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: UpstreamTarget,
  options: ForwardOptions,
  done: ForwardDone,
): void {
  const { pool } = upstream;
  const withBody = hasBody(req);
  const dispatchOptions: Dispatcher.DispatchOptions = {
    path: upstream.path,
    method: (req.method ?? 'GET') as Dispatcher.HttpMethod,
    headers: upstreamRequestHeaders(req.rawHeaders, req.socket.remoteAddress ?? '', 'http'),
    body: withBody ? req : null,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    // Everything is streamed through; never let one slow exchange block a pipelined connection.
    blocking: true,
  };
  // A request without a body can be resent once when a pooled keep-alive connection turns out dead.
  let retriesLeft = withBody ? 0 : 1;
  let finished = false;
  let controllerRef: Dispatcher.DispatchController | undefined;

  const onClientClose = (): void => {
    if (!finished) controllerRef?.abort(new ClientGoneError());
  };
  res.once('close', onClientClose);

  const finish = (status: number, upstreamError?: Error): void => {
    if (finished) return;
    finished = true;
    done(status, upstreamError);
  };

  const handler: Dispatcher.DispatchHandler = {
    onRequestStart(controller) {
      controllerRef = controller;
    },
    onResponseStart(controller, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string) {
      retriesLeft = 0;
      if (res.destroyed) {
        controller.abort(new ClientGoneError());
        return;
      }
      try {
        const cleaned = stripResponseHopByHop(headers);
        if (statusMessage) res.writeHead(statusCode, statusMessage, cleaned);
        else res.writeHead(statusCode, cleaned);
      } catch (error) {
        // Node refuses headers it cannot send (invalid characters): the upstream answer is unusable.
        controller.abort(error as Error);
      }
    },
    onResponseData(controller, chunk: Buffer) {
      if (!res.write(chunk)) {
        controller.pause();
        res.once('drain', () => controller.resume());
      }
    },
    onResponseEnd() {
      res.end();
      finish(res.statusCode);
    },
    onResponseError(_controller, error: Error) {
      if (error instanceof ClientGoneError || res.destroyed) {
        finish(0);
        return;
      }
      if (!res.headersSent && retriesLeft > 0 && isStaleConnectionError(error)) {
        retriesLeft -= 1;
        pool.dispatch(dispatchOptions, handler);
        return;
      }
      if (res.headersSent) {
        // The status line is gone; the only honest signal left is a broken connection.
        res.destroy(error);
        finish(0, error);
        return;
      }
      const failure = classifyUpstreamFailure(error, upstream.name);
      sendPlain(res, failure.status, failure.message);
      finish(failure.status, error);
    },
  };
  pool.dispatch(dispatchOptions, handler);
}
