// Incremental parser of the responses on one upstream connection: feed it the socket's chunks as they come
// (a message may be split at any byte), it calls its sink with 1xx interim heads, the final head, body pieces
// (slices of the chunks: a sink that keeps one past the call copies it), trailers and the end. Bodies are framed as RFC 9112 section 6.3 says:
// none after HEAD, 204 and 304; chunked (extensions skipped, trailers kept); Content-Length; otherwise until
// the connection closes. One message at a time: the connection starts the next with start().

import { MalformedResponseError, UpstreamClosedError } from './client-errors.ts';
import { parseFieldLine, parseResponseHead, type ResponseHead } from './response-head.ts';

export interface ResponseSink {
  onInformational(head: ResponseHead): void;
  onHead(head: ResponseHead): void;
  /** `last`: this piece ends a Content-Length body (onComplete follows at once). */
  onBody(chunk: Buffer, last: boolean): void;
  onTrailers(trailers: string[]): void;
  /** `extraBytes`: the backend sent more after the end of the message (the connection cannot be trusted again). */
  onComplete(extraBytes: boolean): void;
}

/** Largest response head, and largest chunk-size line or trailer section. */
export const MAX_HEAD_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 8 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
// biome-ignore lint/suspicious/noControlCharactersInRegex: chunk extensions may not carry control characters
const HEX_SIZE = /^([0-9A-Fa-f]{1,13})[ \t]*(?:;[^\x00-\x08\x0a-\x1f\x7f]*)?$/;
// Fields a trailer section may not carry (RFC 9110 6.5.1: framing, routing and connection fields).
const NOT_IN_TRAILERS = new Set(['content-length', 'transfer-encoding', 'host', 'connection', 'keep-alive', 'te', 'trailer', 'upgrade', 'content-type', 'content-encoding']);

const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const CHUNK_DATA_END = 4;
const TRAILERS = 5;
const UNTIL_CLOSE = 6;
const DONE = 7;

export class ResponseParser {
  readonly #sink: ResponseSink;
  readonly #upstream: string;
  #state = DONE;
  #bodyless = false;
  #received = false;
  #pending: Buffer | undefined;
  #remaining = 0;
  #line = '';
  #trailers: string[] | undefined;
  #stopped = false;

  constructor(sink: ResponseSink, upstream: string) {
    this.#sink = sink;
    this.#upstream = upstream;
  }

  /** Expects the response to a new request; `headRequest`: the answer to HEAD has no body whatever it says. */
  start(headRequest: boolean): void {
    this.#state = HEAD;
    this.#bodyless = headRequest;
    this.#received = false;
    this.#pending = undefined;
    this.#line = '';
    this.#trailers = undefined;
    this.#stopped = false;
  }

  /** Ignores the rest of the current chunk (the exchange was aborted from a callback). */
  stop(): void {
    this.#stopped = true;
  }

  /** True once any byte of the response arrived. */
  get received(): boolean {
    return this.#received;
  }

  /** True while the body runs until the connection closes (nothing else frames it). */
  get untilClose(): boolean {
    return this.#state === UNTIL_CLOSE;
  }

  /** The connection closed: ends a close-delimited body, otherwise the error to report. */
  finish(): UpstreamClosedError | undefined {
    if (this.#state === UNTIL_CLOSE) {
      this.#complete(false);
      return undefined;
    }
    return this.#state === DONE ? undefined : new UpstreamClosedError(this.#upstream, !this.#received);
  }

  /** Throws MalformedResponseError; the connection must then be dropped. */
  execute(input: Buffer): void {
    if (this.#state === DONE) {
      // Bytes nobody asked for: the connection is out of step with its requests.
      this.#sink.onComplete(true);
      return;
    }
    this.#received = true;
    let chunk = input;
    let pos = 0;
    while (pos < chunk.length && !this.#stopped) {
      switch (this.#state) {
        case HEAD: {
          if (this.#pending !== undefined) {
            chunk = Buffer.concat([this.#pending, chunk.subarray(pos)]);
            pos = 0;
            this.#pending = undefined;
          }
          pos = this.#readHead(chunk, pos);
          break;
        }
        case LENGTH:
        case CHUNK_DATA: {
          const take = Math.min(this.#remaining, chunk.length - pos);
          this.#remaining -= take;
          this.#sink.onBody(pos === 0 && take === chunk.length ? chunk : chunk.subarray(pos, pos + take), this.#remaining === 0 && this.#state === LENGTH);
          pos += take;
          if (this.#remaining === 0) {
            if (this.#state === LENGTH) this.#complete(pos < chunk.length);
            else this.#state = CHUNK_DATA_END;
          }
          break;
        }
        case UNTIL_CLOSE:
          this.#sink.onBody(pos === 0 ? chunk : chunk.subarray(pos), false);
          pos = chunk.length;
          break;
        default:
          pos = this.#readLine(chunk, pos);
      }
    }
  }

  /** Reads a head starting at `pos` when it is all there (else keeps the bytes for the next chunk); returns the new position. */
  #readHead(chunk: Buffer, pos: number): number {
    const end = chunk.indexOf(CRLFCRLF, pos);
    if (end === -1 || end - pos > MAX_HEAD_BYTES) {
      if (chunk.length - pos > MAX_HEAD_BYTES) throw new MalformedResponseError(this.#upstream, `response head over ${MAX_HEAD_BYTES} bytes`);
      // Copied: the chunk may be a read buffer that is reused.
      this.#pending = Buffer.from(chunk.subarray(pos));
      return chunk.length;
    }
    const head = parseResponseHead(chunk.toString('latin1', pos, end), this.#upstream);
    const next = end + 4;
    if (this.#onHead(head)) this.#complete(next < chunk.length);
    return next;
  }

  /** True when the message ends with its head. */
  #onHead(head: ResponseHead): boolean {
    if (head.status < 200) {
      // 101 answers an upgrade; requests on this path never ask for one.
      if (head.status === 101) throw new MalformedResponseError(this.#upstream, '101 Switching Protocols to a request that asked for no upgrade');
      this.#sink.onInformational(head);
      return false;
    }
    this.#sink.onHead(head);
    if (this.#bodyless || head.status === 204 || head.status === 304 || head.contentLength === 0) return true;
    if (head.chunked) this.#state = CHUNK_SIZE;
    else if (head.contentLength > 0) {
      this.#state = LENGTH;
      this.#remaining = head.contentLength;
    } else this.#state = UNTIL_CLOSE;
    return false;
  }

  #complete(extraBytes: boolean): void {
    this.#state = DONE;
    if (!this.#stopped) this.#sink.onComplete(extraBytes);
    this.#stopped = true;
  }

  /** Reads a CRLF-ended line of the chunked framing (maybe across chunks) and acts on it; returns the new position. */
  #readLine(chunk: Buffer, pos: number): number {
    const lf = chunk.indexOf(10, pos);
    if (lf === -1) {
      this.#line += chunk.toString('latin1', pos);
      if (this.#line.length > MAX_LINE_BYTES) throw new MalformedResponseError(this.#upstream, `chunked framing line over ${MAX_LINE_BYTES} bytes`);
      return chunk.length;
    }
    const text = this.#line + chunk.toString('latin1', pos, lf);
    this.#line = '';
    if (text.charCodeAt(text.length - 1) !== 13) throw new MalformedResponseError(this.#upstream, 'bare LF in the chunked framing');
    this.#onLine(text.slice(0, -1), chunk.length > lf + 1);
    return lf + 1;
  }

  #onLine(line: string, moreInChunk: boolean): void {
    if (this.#state === CHUNK_DATA_END) {
      if (line !== '') throw new MalformedResponseError(this.#upstream, 'chunk data longer than its size');
      this.#state = CHUNK_SIZE;
    } else if (this.#state === CHUNK_SIZE) {
      const size = HEX_SIZE.exec(line);
      if (size === null) throw new MalformedResponseError(this.#upstream, `invalid chunk size line ${JSON.stringify(line.slice(0, 64))}`);
      this.#remaining = Number.parseInt(size[1] ?? '', 16);
      this.#state = this.#remaining === 0 ? TRAILERS : CHUNK_DATA;
    } else if (line === '') {
      if (this.#trailers !== undefined) this.#sink.onTrailers(this.#trailers);
      this.#complete(moreInChunk);
    } else {
      const [name, value] = parseFieldLine(line, this.#upstream);
      this.#trailers ??= [];
      const trailers = this.#trailers;
      if (!NOT_IN_TRAILERS.has(name.toLowerCase())) trailers.push(name, value);
      if (trailers.length > 200) throw new MalformedResponseError(this.#upstream, 'more than 100 trailer fields');
    }
  }
}
