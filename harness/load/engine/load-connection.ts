// One keep-alive connection of the load engine: a raw TCP socket that writes pre-encoded requests one at a
// time and parses answers straight out of a read buffer shared by every connection of the thread (net's
// `onread`), so a response costs one read, one parse and one write. It reconnects by itself after any
// failure (backing off while connects fail) until stopped.
//
//   const connection = new LoadConnection(target, requests, handler, options);
//   connection.open();  handler.ready(connection) once connected and idle
//   connection.send(variant, base);  one request in flight; handler.response(...) or handler.failure(...)
import net from 'node:net';
import { Http1ResponseParser, ResponseProtocolError } from './http1-response-parser.ts';

export type FailureClass = 'connect' | 'reset' | 'timeout' | 'protocol';

export interface EncodedRequest {
  bytes: Buffer;
  /** HEAD: the response has no body whatever its headers say. */
  noBody: boolean;
}

export interface ConnectionHandler {
  ready(connection: LoadConnection): void;
  /** The connection is idle again (or reconnecting, when the server closed it) by the time this runs. */
  response(connection: LoadConnection, status: number, body: Buffer | undefined, variant: number, base: number): void;
  /** `variant` is the request that failed, -1 when none was in flight (a failed connect). */
  failure(connection: LoadConnection, failure: FailureClass, variant: number, base: number): void;
}

export interface ConnectionOptions {
  /** Body bytes kept per response (for attribution); 0 keeps none. */
  captureBytes: number;
  /** The thread's shared read buffer. */
  readBuffer: Buffer;
}

const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 250;

export class LoadConnection {
  readonly #target: { host: string; port: number };
  readonly #requests: readonly EncodedRequest[];
  readonly #handler: ConnectionHandler;
  readonly #parser: Http1ResponseParser;
  readonly #readBuffer: Buffer;
  #socket: net.Socket | undefined;
  #connected = false;
  #stopped = false;
  #retryMs = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  /** The request in flight: its variant, when it was written, and the time latency counts from. */
  variant = -1;
  sentAt = 0;
  base = 0;

  constructor(target: { host: string; port: number }, requests: readonly EncodedRequest[], handler: ConnectionHandler, options: ConnectionOptions) {
    this.#target = target;
    this.#requests = requests;
    this.#handler = handler;
    this.#readBuffer = options.readBuffer;
    this.#parser = new Http1ResponseParser((status, body, keepAlive) => this.#onResponse(status, body, keepAlive), { captureBytes: options.captureBytes });
  }

  /** Connected with nothing in flight. */
  get idle(): boolean {
    return this.#connected && this.variant === -1;
  }

  get busy(): boolean {
    return this.variant !== -1;
  }

  open(): void {
    if (this.#stopped) return;
    const socket = net.connect({
      host: this.#target.host,
      port: this.#target.port,
      noDelay: true,
      onread: { buffer: this.#readBuffer, callback: (bytes: number, buffer: Uint8Array) => this.#onRead(bytes, buffer as Buffer) },
    });
    this.#socket = socket;
    // A replaced socket's late events are not this connection's any more.
    socket.once('connect', () => {
      if (socket !== this.#socket) return;
      this.#connected = true;
      this.#retryMs = 0;
      this.#handler.ready(this);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (socket === this.#socket) this.#fail(this.#connected ? 'reset' : 'connect', error);
    });
    socket.once('end', () => {
      if (socket === this.#socket) this.#onEnd();
    });
  }

  send(variant: number, base: number, now: number): void {
    const request = this.#requests[variant] as EncodedRequest;
    this.variant = variant;
    this.sentAt = now;
    this.base = base;
    this.#parser.expect({ noBody: request.noBody });
    this.#socket?.write(request.bytes);
  }

  /** Ends the request in flight as a timeout and starts over on a new connection. */
  timeOut(): void {
    this.#fail('timeout');
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.destroy();
    this.#socket = undefined;
    this.#connected = false;
  }

  #onRead(bytes: number, buffer: Buffer): boolean {
    try {
      this.#parser.feed(buffer, 0, bytes);
    } catch (error) {
      this.#fail(error instanceof ResponseProtocolError ? 'protocol' : 'reset', error);
    }
    return true;
  }

  #onResponse(status: number, body: Buffer | undefined, keepAlive: boolean): void {
    const variant = this.variant;
    this.variant = -1;
    // The server closes after this answer: go on over a new connection.
    if (!keepAlive) this.#replaceSocket();
    this.#handler.response(this, status, body, variant, this.base);
  }

  #onEnd(): void {
    try {
      this.#parser.closed();
      if (this.#socket !== undefined) this.#replaceSocket();
    } catch (error) {
      this.#fail('reset', error);
    }
  }

  #replaceSocket(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
    this.#connected = false;
    if (!this.#stopped) this.open();
  }

  #fail(failure: FailureClass, _cause?: unknown): void {
    if (this.#socket === undefined) return;
    const variant = this.variant;
    this.variant = -1;
    this.#socket.destroy();
    this.#socket = undefined;
    const wasConnected = this.#connected;
    this.#connected = false;
    if (variant !== -1 || !wasConnected) this.#handler.failure(this, failure, variant, this.base);
    if (this.#stopped) return;
    // Refused connects are retried with a growing pause, so a dead target does not spin the thread.
    this.#retryMs = failure === 'connect' ? Math.min(MAX_RETRY_MS, Math.max(FIRST_RETRY_MS, this.#retryMs * 2)) : 0;
    if (this.#retryMs === 0) this.open();
    else this.#retryTimer = setTimeout(() => this.open(), this.#retryMs);
  }
}
