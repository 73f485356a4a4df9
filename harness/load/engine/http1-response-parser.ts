// A streaming HTTP/1.1 response parser for load connections: it reads only what a load generator needs
// (status, how the body is framed, whether the connection stays open, and the body itself when asked to
// keep it) straight from the socket's read buffer, allocating nothing per response on the common path.
// Content-Length, chunked and read-until-close bodies; 1xx interim responses are skipped; HEAD, 204 and
// 304 have no body. Anything malformed throws ResponseProtocolError: the connection is then closed.
//
//   const parser = new Http1ResponseParser(sink, { captureBytes: 0 });
//   parser.expect({ noBody: false });   // before each request is written
//   parser.feed(buffer, start, end);    // on every read; calls sink(status, body, keepAlive) per response
//   parser.closed();                    // on end of stream: completes a read-until-close body

export type ResponseSink = (status: number, body: Buffer | undefined, keepAlive: boolean) => void;

export class ResponseProtocolError extends Error {
  readonly code = 'GAUNTLET_LOAD_PROTOCOL';
  constructor(message: string) {
    super(message);
    this.name = 'ResponseProtocolError';
  }
}

const Phase = { idle: 0, head: 1, length: 2, chunkSize: 3, chunkData: 4, chunkDataEnd: 5, trailers: 6, untilClose: 7 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];
const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
/** Response heads larger than this are refused: a load target has no business sending them. */
const MAX_HEAD_BYTES = 64 * 1024;
const CR = 13;
const LF = 10;

/** Compares buf[from, to) with a lower-case ASCII name, ignoring the case of the buffer's letters. */
function equalsLower(buf: Buffer, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (((buf[from + i] as number) | 32) !== name.charCodeAt(i)) return false;
  return true;
}

function containsToken(value: string, token: string): boolean {
  const trimmed = value.trim().toLowerCase();
  return trimmed === token || trimmed.split(',').some((part) => part.trim() === token);
}

/** A decimal digit's value, or NaN for anything else (so a bad status never passes for a number). */
function digitAt(buf: Buffer, at: number): number {
  const byte = buf[at] as number;
  return byte >= 48 && byte <= 57 ? byte - 48 : Number.NaN;
}

/** A Content-Length value: digits between optional spaces and tabs. */
function decimalValue(buf: Buffer, from: number, to: number): number {
  let i = from;
  let end = to;
  while (i < end && (buf[i] === 32 || buf[i] === 9)) i++;
  while (end > i && (buf[end - 1] === 32 || buf[end - 1] === 9)) end--;
  if (i === end || end - i > 15) throw new ResponseProtocolError(`Content-Length ${JSON.stringify(buf.toString('latin1', from, to).trim())} is not a number`);
  let value = 0;
  for (; i < end; i++) {
    const digit = digitAt(buf, i);
    if (Number.isNaN(digit)) throw new ResponseProtocolError(`Content-Length ${JSON.stringify(buf.toString('latin1', from, to).trim())} is not a number`);
    value = value * 10 + digit;
  }
  return value;
}

function hexDigit(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  const lower = byte | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

interface Framing {
  /** Content-Length, -1 when absent. */
  length: number;
  chunked: boolean;
  keepAlive: boolean;
}

/** Where the colon of a header line is, when its name is as long as one of the three names that matter (14, 17, 10). */
function colonOfInterest(buf: Buffer, line: number, valueEnd: number): number {
  for (const length of [14, 17, 10]) if (line + length <= valueEnd && buf[line + length] === 58) return line + length;
  return -1;
}

/** Reads the framing headers of a response head [from, to): Content-Length, Transfer-Encoding and Connection. */
function scanHeaders(buf: Buffer, from: number, to: number, keepAliveByDefault: boolean): Framing {
  const framing: Framing = { length: -1, chunked: false, keepAlive: keepAliveByDefault };
  let line = buf.indexOf(LF, from) + 1;
  while (line > 0 && line < to) {
    let lineEnd = buf.indexOf(LF, line);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const valueEnd = buf[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    const colon = colonOfInterest(buf, line, valueEnd);
    if (colon !== -1) readFramingHeader(buf, line, colon, valueEnd, framing);
    line = lineEnd + 1;
  }
  return framing;
}

function readFramingHeader(buf: Buffer, line: number, colon: number, valueEnd: number, framing: Framing): void {
  if (equalsLower(buf, line, colon, 'content-length')) framing.length = decimalValue(buf, colon + 1, valueEnd);
  else if (equalsLower(buf, line, colon, 'transfer-encoding')) framing.chunked = containsToken(buf.toString('latin1', colon + 1, valueEnd), 'chunked');
  else if (equalsLower(buf, line, colon, 'connection')) {
    const value = buf.toString('latin1', colon + 1, valueEnd);
    if (containsToken(value, 'close')) framing.keepAlive = false;
    else if (containsToken(value, 'keep-alive')) framing.keepAlive = true;
  }
}

export class Http1ResponseParser {
  readonly #sink: ResponseSink;
  readonly #capture: Buffer | undefined;
  #state: Phase = Phase.idle;
  #noBody = false;
  #partialHead: Buffer | undefined;
  #status = 0;
  #keepAlive = true;
  #remaining = 0;
  #captured = 0;
  #chunkSize = 0;
  #chunkSizeDigits = 0;
  #inExtension = false;
  #lineBytes = 0;

  constructor(sink: ResponseSink, options: { captureBytes: number }) {
    this.#sink = sink;
    this.#capture = options.captureBytes > 0 ? Buffer.allocUnsafe(options.captureBytes) : undefined;
  }

  /** Whether a response was expected and has not completed. */
  get pending(): boolean {
    return this.#state !== Phase.idle;
  }

  /** Arms the parser for the response to the request about to be written. */
  expect(options: { noBody: boolean }): void {
    this.#state = Phase.head;
    this.#noBody = options.noBody;
    this.#partialHead = undefined;
  }

  feed(buf: Buffer, start: number, end: number): void {
    let at = start;
    while (at < end) {
      switch (this.#state) {
        case Phase.idle:
          throw new ResponseProtocolError(`${end - at} byte(s) arrived with no request outstanding`);
        case Phase.head:
          at = this.#readHead(buf, at, end);
          break;
        case Phase.length: {
          const take = Math.min(this.#remaining, end - at);
          this.#keep(buf, at, at + take);
          this.#remaining -= take;
          at += take;
          if (this.#remaining === 0) this.#complete();
          break;
        }
        case Phase.untilClose:
          this.#keep(buf, at, end);
          at = end;
          break;
        default:
          at = this.#readChunked(buf, at, end);
      }
    }
  }

  /** The stream ended: completes a read-until-close body; throws when a response was cut short. */
  closed(): void {
    if (this.#state === Phase.untilClose) {
      this.#complete();
      return;
    }
    if (this.#state !== Phase.idle) throw new ResponseProtocolError('the connection closed before the response was complete');
  }

  #keep(buf: Buffer, from: number, to: number): void {
    const capture = this.#capture;
    if (capture === undefined || this.#captured >= capture.length) return;
    this.#captured += buf.copy(capture, this.#captured, from, Math.min(to, from + capture.length - this.#captured));
  }

  #complete(): void {
    this.#state = Phase.idle;
    const body = this.#capture === undefined ? undefined : this.#capture.subarray(0, this.#captured);
    this.#sink(this.#status, body, this.#keepAlive);
  }

  /** Returns where reading continues; the head may span reads (kept in #partialHead, copied). */
  #readHead(buf: Buffer, at: number, end: number): number {
    let head: Buffer;
    let headEnd: number;
    let consumedUpTo: number;
    if (this.#partialHead === undefined) {
      // The read buffer is shared and holds stale bytes past `end`: a match must end within [at, end). The
      // first match is the only candidate, since any match inside the range would come before it.
      const match = buf.indexOf(CRLFCRLF, at);
      const found = match !== -1 && match + 4 <= end ? match - at : -1;
      if (found === -1) {
        this.#partialHead = Buffer.from(buf.subarray(at, end));
        this.#checkHeadSize(this.#partialHead.length);
        return end;
      }
      head = buf;
      headEnd = at + found;
      consumedUpTo = headEnd + 4;
      this.#parseHead(head, at, headEnd);
    } else {
      const joined = Buffer.concat([this.#partialHead, buf.subarray(at, end)]);
      const found = joined.indexOf(CRLFCRLF);
      if (found === -1) {
        this.#partialHead = joined;
        this.#checkHeadSize(joined.length);
        return end;
      }
      this.#partialHead = undefined;
      consumedUpTo = at + (found + 4 - (joined.length - (end - at)));
      this.#parseHead(joined, 0, found);
    }
    return consumedUpTo;
  }

  #checkHeadSize(size: number): void {
    if (size > MAX_HEAD_BYTES) throw new ResponseProtocolError(`response head larger than ${MAX_HEAD_BYTES} bytes without its end`);
  }

  #parseHead(buf: Buffer, from: number, to: number): void {
    // "HTTP/1.1 200 OK": the version's minor digit at 7, the status at 9-11.
    if (to - from < 12 || buf.toString('latin1', from, from + 7) !== 'HTTP/1.' || buf[from + 8] !== 32) {
      throw new ResponseProtocolError(`not an HTTP/1.x status line: ${JSON.stringify(buf.toString('latin1', from, Math.min(to, from + 40)))}`);
    }
    const status = digitAt(buf, from + 9) * 100 + digitAt(buf, from + 10) * 10 + digitAt(buf, from + 11);
    if (!(status >= 100)) throw new ResponseProtocolError(`status ${JSON.stringify(buf.toString('latin1', from + 9, from + 12))} is not three digits`);
    // HTTP/1.1 keeps the connection unless told otherwise.
    const framing = scanHeaders(buf, from, to, buf[from + 7] === 49);
    if (status < 200) {
      // An interim response (100 Continue, 103 Early Hints): the final one follows on the same stream.
      if (status === 101) throw new ResponseProtocolError('101 Switching Protocols: a load request never asks to upgrade');
      this.#state = Phase.head;
      return;
    }
    this.#begin(status, framing);
  }

  #begin(status: number, framing: Framing): void {
    this.#status = status;
    this.#keepAlive = framing.keepAlive;
    this.#captured = 0;
    if (this.#noBody || status === 204 || status === 304) this.#complete();
    else if (framing.chunked) this.#startChunk();
    else if (framing.length >= 0) {
      this.#remaining = framing.length;
      this.#state = Phase.length;
      if (framing.length === 0) this.#complete();
    } else {
      this.#keepAlive = false;
      this.#state = Phase.untilClose;
    }
  }

  #startChunk(): void {
    this.#state = Phase.chunkSize;
    this.#chunkSize = 0;
    this.#chunkSizeDigits = 0;
    this.#inExtension = false;
  }

  /** Chunk-size lines, data, the CRLF after data, and trailers; returns where reading continues. */
  #readChunked(buf: Buffer, at: number, end: number): number {
    let i = at;
    while (i < end) {
      if (this.#state === Phase.chunkData) {
        i = this.#readChunkData(buf, i, end);
        continue;
      }
      const byte = buf[i++] as number;
      if (this.#state === Phase.chunkSize) this.#chunkSizeByte(byte);
      else if (this.#state === Phase.chunkDataEnd) this.#chunkDataEndByte(byte);
      else if (this.#state === Phase.trailers) {
        if (this.#trailerByte(byte)) return i;
      } else return i;
    }
    return i;
  }

  #readChunkData(buf: Buffer, at: number, end: number): number {
    const take = Math.min(this.#remaining, end - at);
    this.#keep(buf, at, at + take);
    this.#remaining -= take;
    if (this.#remaining === 0) {
      this.#state = Phase.chunkDataEnd;
      this.#lineBytes = 0;
    }
    return at + take;
  }

  #chunkSizeByte(byte: number): void {
    if (byte === LF) {
      if (this.#chunkSizeDigits === 0) throw new ResponseProtocolError('a chunk-size line without a size');
      if (this.#chunkSize === 0) {
        this.#state = Phase.trailers;
        this.#lineBytes = 0;
      } else {
        this.#remaining = this.#chunkSize;
        this.#state = Phase.chunkData;
      }
      return;
    }
    // The CR before LF, or a chunk extension (";name=value"), which a load generator ignores.
    if (byte === CR || this.#inExtension) return;
    if (byte === 59) {
      this.#inExtension = true;
      return;
    }
    const digit = hexDigit(byte);
    if (digit < 0 || this.#chunkSizeDigits >= 12) throw new ResponseProtocolError(`bad chunk size byte ${byte}`);
    this.#chunkSize = this.#chunkSize * 16 + digit;
    this.#chunkSizeDigits += 1;
  }

  #chunkDataEndByte(byte: number): void {
    if (byte === LF) this.#startChunk();
    else if (byte !== CR || ++this.#lineBytes > 1) throw new ResponseProtocolError('chunk data not followed by CRLF');
  }

  /** Returns true when the empty line ending the trailers completed the response. */
  #trailerByte(byte: number): boolean {
    if (byte === LF) {
      if (this.#lineBytes === 0) {
        this.#complete();
        return true;
      }
      this.#lineBytes = 0;
    } else if (byte !== CR) this.#lineBytes += 1;
    return false;
  }
}
