// One request to one upstream endpoint, whatever the protocol (HTTP/1.1 through an undici pool, or
// a stream of a pooled h2c session): the retrying exchange and the mirrors drive attempts through
// this interface only.

import type { Readable } from 'node:stream';
import type { BackendTlsIR } from '../../ir/gateway-ir.ts';

export interface AttemptRequest {
  method: string;
  /** Origin-form target: path and query. */
  target: string;
  /** Flat [name, value, ...] list without hop-by-hop headers; `host` becomes :authority on h2c. */
  headers: string[];
  /** null: no body. A Buffer can be sent again; a stream only once. */
  body: Buffer | Readable | null;
  /** Limits of the transport itself; 0 means none. */
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** Receives one attempt's events; exactly one of onEnd or onError ends it. */
export interface AttemptListener {
  /** A 1xx interim answer (100 Continue, 103 Early Hints) before the final one; HTTP/1.1 backends only. */
  onInformational?(status: number, headers: string[]): void;
  /** Response headers as a flat list, hop-by-hop headers removed. */
  onStart(status: number, headers: string[], statusMessage: string | undefined): void;
  /** Returns false to stop the flow until the attempt's resume() is called. */
  onData(chunk: Buffer): boolean;
  /** Trailers the answer ended with (HTTP/2: a gRPC call's grpc-status), as a flat list; called before onEnd. */
  onTrailers?(trailers: string[]): void;
  onEnd(): void;
  /**
   * Optional: the body's last piece and the end arrived together (a Content-Length body read whole), called
   * instead of onData and onEnd, so the answer can be ended with it in one call; HTTP/1.1 backends only.
   */
  onEndWith?(chunk: Buffer): void;
  onError(error: Error): void;
}

export interface Attempt {
  /** Stops the attempt; the listener's onError receives `error` (unless it already ended). */
  abort(error: Error): void;
  resume(): void;
}

export type UpstreamProtocol = 'http' | 'h2c';

/** Starts attempts on endpoints; chosen per backend by its protocol. */
export interface UpstreamTransport {
  /** `tls`: the backend's (a BackendTLSPolicy's); the attempt then goes over TLS. */
  start(endpoint: { address: string; port: number }, request: AttemptRequest, listener: AttemptListener, tls?: BackendTlsIR): Attempt;
}
