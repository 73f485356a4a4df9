// Streams a request body onto an upstream socket with backpressure (the client's stream pauses while the socket's
// buffer is full), framed with chunked encoding when its length is unknown. Reports the end, or why the body
// broke off (the client went away, or it ended at another length than Content-Length said).

import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { RequestBodyError } from './client-errors.ts';

export interface BodyPumpEvents {
  onBodySent(): void;
  onBodyFailed(error: Error): void;
}

const LAST_CHUNK = Buffer.from('0\r\n\r\n', 'latin1');

export class RequestBodyPump {
  readonly #body: Readable;
  readonly #socket: Socket;
  readonly #chunked: boolean;
  readonly #expected: number;
  readonly #events: BodyPumpEvents;
  readonly #upstream: string;
  #sent = 0;
  #done = false;

  constructor(body: Readable, socket: Socket, framing: { chunked: boolean; contentLength: number }, upstream: string, events: BodyPumpEvents) {
    this.#body = body;
    this.#socket = socket;
    this.#chunked = framing.chunked;
    this.#expected = framing.contentLength;
    this.#upstream = upstream;
    this.#events = events;
    body.on('data', this.#onData);
    body.on('end', this.#onEnd);
    body.on('error', this.#onBroken);
    body.on('close', this.#onBroken);
    if (body.readableEnded) this.#onEnd();
  }

  /** Stops reading: the exchange ended before the body was sent (an early answer, an error). */
  detach(): void {
    if (this.#done) return;
    this.#done = true;
    this.#unlisten();
    // Let the rest flow away, so the client's connection is not left stuck mid-body.
    this.#body.resume();
  }

  #unlisten(): void {
    this.#body.off('data', this.#onData);
    this.#body.off('end', this.#onEnd);
    this.#body.off('error', this.#onBroken);
    this.#body.off('close', this.#onBroken);
    this.#socket.off('drain', this.#onDrain);
  }

  readonly #onData = (chunk: Buffer | string): void => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (bytes.length === 0) return;
    this.#sent += bytes.length;
    let flushed: boolean;
    if (this.#chunked) {
      this.#socket.cork();
      this.#socket.write(`${bytes.length.toString(16)}\r\n`, 'latin1');
      this.#socket.write(bytes);
      flushed = this.#socket.write('\r\n', 'latin1');
      this.#socket.uncork();
    } else {
      flushed = this.#socket.write(bytes);
    }
    if (!flushed) {
      this.#body.pause();
      this.#socket.once('drain', this.#onDrain);
    }
  };

  readonly #onDrain = (): void => {
    if (!this.#done) this.#body.resume();
  };

  readonly #onEnd = (): void => {
    if (this.#done) return;
    this.#done = true;
    this.#unlisten();
    if (!this.#chunked && this.#expected !== -1 && this.#sent !== this.#expected) {
      this.#events.onBodyFailed(new RequestBodyError(this.#upstream, `${this.#sent} bytes sent, Content-Length said ${this.#expected}`));
      return;
    }
    if (this.#chunked) this.#socket.write(LAST_CHUNK);
    this.#events.onBodySent();
  };

  readonly #onBroken = (): void => {
    if (this.#done || this.#body.readableEnded) return;
    this.#done = true;
    this.#unlisten();
    this.#events.onBodyFailed(new RequestBodyError(this.#upstream, 'the client stopped sending it before its end'));
  };
}
