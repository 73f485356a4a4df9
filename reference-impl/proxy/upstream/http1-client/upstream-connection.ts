// One keep-alive connection to a cleartext HTTP/1.1 backend, carrying one exchange at a time (no pipelining:
// a slow answer never holds up another request). Its socket listeners and its one timer are made once per
// connection, not per request: the timer (phase-timer.ts) covers connect, response-head and body-gap timeouts
// and the idle keep-alive limit. A connection is handed back to its pool only when
// the exchange ended cleanly (whole request sent, whole response read, keep-alive, nothing extra received).

import { connect, type Socket } from 'node:net';
import { UpstreamBodyTimeoutError, UpstreamConnectTimeoutError, UpstreamHeadersTimeoutError } from './client-errors.ts';
import { BODY, CONNECT, HEADERS, IDLE, type Phase, PhaseTimer } from './phase-timer.ts';
import type { PooledRequest } from './pooled-request.ts';
import { RequestBodyPump } from './request-body-pump.ts';
import type { ResponseHead } from './response-head.ts';
import { ResponseParser, type ResponseSink } from './response-parser.ts';

/** What a connection needs from its pool. */
export interface ConnectionHome {
  readonly name: string;
  readonly keepAliveTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** The exchange ended and the connection may serve another. */
  release(connection: UpstreamConnection): void;
  /** The socket closed. */
  gone(connection: UpstreamConnection): void;
  /** The exchange failed on a connection already used before, before any answer: send it again elsewhere. */
  resend(exchange: PooledRequest): void;
}

// One read buffer for every upstream connection (Node's `onread`: no stream machinery per read). Reads are handled
// synchronously, one socket at a time, and what outlives a read (body pieces, a partial head) is copied.
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);


export class UpstreamConnection implements ResponseSink {
  readonly #home: ConnectionHome;
  readonly #socket: Socket;
  readonly #parser: ResponseParser;
  #exchange: PooledRequest | undefined;
  #pump: RequestBodyPump | undefined;
  #connected = false;
  #served = 0;
  #bodySent = true;
  #reusable = false;
  #completed = false;
  #idleLimitMs: number;
  readonly #timer = new PhaseTimer((phase, limitMs) => this.#expired(phase, limitMs));

  constructor(home: ConnectionHome, host: string, port: number) {
    this.#home = home;
    this.#idleLimitMs = home.keepAliveTimeoutMs;
    this.#parser = new ResponseParser(this, home.name);
    this.#socket = connect({ host, port, noDelay: true, onread: { buffer: READ_BUFFER, callback: this.#onRead } });
    this.#socket.on('connect', this.#onConnect);
    this.#socket.on('end', this.#onEnd);
    this.#socket.on('error', this.#onError);
    this.#socket.on('close', this.#onClose);
  }

  /** Still worth handing an exchange to. */
  get usable(): boolean {
    return !this.#socket.destroyed && this.#socket.writable && this.#exchange === undefined;
  }

  /** Sends the exchange's request; its response comes to the exchange's listener. */
  assign(exchange: PooledRequest): void {
    this.#exchange = exchange;
    exchange.attach(this, this.#served > 0);
    this.#completed = false;
    this.#reusable = false;
    this.#parser.start(exchange.request.method === 'HEAD');
    const { body } = exchange.request;
    const socket = this.#socket;
    if (body === null || Buffer.isBuffer(body)) {
      if (body === null) socket.write(exchange.head.text, 'latin1');
      else {
        socket.cork();
        socket.write(exchange.head.text, 'latin1');
        socket.write(body);
        socket.uncork();
      }
      this.#bodySent = true;
    } else {
      socket.write(exchange.head.text, 'latin1');
      this.#bodySent = false;
      this.#pump = new RequestBodyPump(body, socket, exchange.head, this.#home.name, this);
    }
    if (this.#connected) this.#timer.enter(HEADERS, exchange.request.headersTimeoutMs);
    else this.#timer.enter(CONNECT, this.#home.connectTimeoutMs);
  }

  /** The listener is ready for more: read on. */
  resumeFor(exchange: PooledRequest): void {
    if (this.#exchange === exchange && this.#socket.isPaused()) this.#socket.resume();
  }

  /** Stops the exchange: the connection cannot be reused (the backend may still be answering). */
  abort(exchange: PooledRequest, error: Error): void {
    if (this.#exchange !== exchange) return;
    this.#drop();
    exchange.failed(error);
  }

  /** Closes an idle connection (pool closing, or idle too long). */
  close(): void {
    this.#socket.destroy();
  }

  onBodySent(): void {
    this.#bodySent = true;
    this.#pump = undefined;
    // The head timeout counts from the end of the request, not from its start.
    if (this.#timer.phase === HEADERS && this.#exchange !== undefined) this.#timer.enter(HEADERS, this.#exchange.request.headersTimeoutMs);
    if (this.#completed) this.#afterComplete();
  }

  onBodyFailed(error: Error): void {
    this.#pump = undefined;
    this.#fail(error);
  }

  onInformational(head: ResponseHead): void {
    this.#exchange?.listener.onInformational?.(head.status, head.headers);
  }

  onHead(head: ResponseHead): void {
    const exchange = this.#exchange;
    if (exchange === undefined) return;
    this.#reusable = head.keepAlive;
    // The backend's own idle limit (Node's servers say 5 s), with a second to spare for the race with its close.
    this.#idleLimitMs = head.keepAliveHintMs === -1 ? this.#home.keepAliveTimeoutMs : Math.min(this.#home.keepAliveTimeoutMs, head.keepAliveHintMs - 1000);
    this.#timer.enter(BODY, exchange.request.bodyTimeoutMs);
    exchange.listener.onStart(head.status, head.headers, head.reason === '' ? undefined : head.reason);
  }

  onBody(chunk: Buffer, last: boolean): void {
    const exchange = this.#exchange;
    if (exchange === undefined) return;
    this.#timer.touch();
    // A copy: `chunk` lies in the shared read buffer, which the next read overwrites.
    const copy = Buffer.from(chunk);
    // The end follows at once: a listener that can end with the last piece gets both in one call.
    if (last && exchange.listener.onEndWith !== undefined) exchange.lastPiece = copy;
    else if (!exchange.listener.onData(copy)) this.#socket.pause();
  }

  onTrailers(trailers: string[]): void {
    this.#exchange?.listener.onTrailers?.(trailers);
  }

  onComplete(extraBytes: boolean): void {
    if (extraBytes) this.#reusable = false;
    this.#completed = true;
  }

  readonly #onConnect = (): void => {
    this.#connected = true;
    if (this.#exchange !== undefined) this.#timer.enter(HEADERS, this.#exchange.request.headersTimeoutMs);
  };

  /** A pause the listener asks for is the socket's own pause() (onBody), so reading goes on as far as Node knows. */
  readonly #onRead = (length: number, buffer: Buffer): boolean => {
    if (this.#exchange === undefined) {
      // Bytes while idle belong to no request: the connection is out of step.
      this.#socket.destroy();
      return true;
    }
    try {
      this.#parser.execute(buffer.subarray(0, length));
    } catch (error) {
      this.#fail(error as Error);
      return true;
    }
    if (this.#completed) this.#afterComplete();
    return true;
  };

  readonly #onEnd = (): void => {
    if (this.#exchange === undefined) return;
    const error = this.#parser.finish();
    if (error !== undefined) this.#fail(error);
    else if (this.#completed) {
      this.#reusable = false;
      this.#afterComplete();
    }
  };

  readonly #onError = (error: Error): void => {
    this.#fail(error);
  };

  readonly #onClose = (): void => {
    this.#timer.stop();
    const error = this.#exchange === undefined ? undefined : (this.#parser.finish() ?? undefined);
    if (error !== undefined) this.#fail(error);
    else if (this.#completed) this.#afterComplete();
    this.#home.gone(this);
  };

  /** The response was read whole: the listener gets its end; the connection goes back to the pool if it can. */
  #afterComplete(): void {
    const exchange = this.#exchange;
    if (exchange === undefined) return;
    if (!this.#bodySent) {
      // The backend answered before the request body was all sent: that connection is done.
      this.#pump?.detach();
      this.#pump = undefined;
      this.#reusable = false;
    }
    this.#exchange = undefined;
    this.#served += 1;
    const reusable = this.#reusable && this.#idleLimitMs > 0 && !this.#socket.destroyed;
    exchange.ended();
    if (!reusable) {
      this.#socket.destroy();
      return;
    }
    if (this.#socket.isPaused()) this.#socket.resume();
    this.#timer.enter(IDLE, this.#idleLimitMs);
    this.#home.release(this);
  }

  #fail(error: Error): void {
    const exchange = this.#exchange;
    if (exchange === undefined) {
      this.#socket.destroy();
      return;
    }
    const beforeAnswer = !this.#parser.received;
    this.#drop();
    if (beforeAnswer && exchange.mayResend(error)) this.#home.resend(exchange);
    else exchange.failed(error);
  }

  /** Detaches the exchange and destroys the socket. */
  #drop(): void {
    this.#exchange = undefined;
    this.#parser.stop();
    this.#pump?.detach();
    this.#pump = undefined;
    this.#socket.destroy();
  }

  #expired(phase: Phase, limitMs: number): void {
    if (this.#socket.destroyed) return;
    const name = this.#home.name;
    if (phase === IDLE) this.close();
    else if (phase === CONNECT) this.#fail(new UpstreamConnectTimeoutError(name, limitMs));
    else if (phase === HEADERS) this.#fail(new UpstreamHeadersTimeoutError(name, limitMs));
    else this.#fail(new UpstreamBodyTimeoutError(name, limitMs));
  }
}
