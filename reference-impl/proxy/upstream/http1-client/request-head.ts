// Serialises an upstream request's head (RFC 9112 section 3) and decides how its body is framed: none, the
// Content-Length the client sent (or a buffered body's own length), or chunked for a stream of unknown
// length. Refuses, rather than sends, a target or field that would break the message's syntax.

import { InvalidUpstreamRequestError } from './client-errors.ts';

export interface RequestHead {
  text: string;
  /** The body is sent with chunked framing (a stream without Content-Length). */
  chunked: boolean;
  /** The length the head announced; -1 when chunked or no body. */
  contentLength: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what a request line may not carry
const INVALID_TARGET = /[\x00-\x20\x7f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters (but tab) are what a field value may not carry
const INVALID_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/;

/** The field lines of a request head, with what framing needs to know about them. */
class FieldLines {
  text = '';
  hasHost = false;
  contentLength = -1;

  constructor(headers: readonly string[], host: string) {
    for (let i = 0; i < headers.length; i += 2) {
      const name = headers[i] ?? '';
      const value = headers[i + 1] ?? '';
      if (!TOKEN.test(name) || INVALID_VALUE.test(value)) throw new InvalidUpstreamRequestError(host, `invalid header field ${JSON.stringify(name.slice(0, 64))}`);
      if (name.length === 4 && name.toLowerCase() === 'host') this.hasHost = true;
      else if (name.length === 14 && name.toLowerCase() === 'content-length') {
        // Node refuses a request with two; a filter cannot add a second (it sets, and set replaces).
        if (this.contentLength !== -1) continue;
        this.contentLength = Number(value);
      }
      this.text += `${name}: ${value}\r\n`;
    }
  }
}

/**
 * `headers`: flat [name, value, ...] without hop-by-hop fields; `host` fills in a missing Host (the endpoint).
 * `body`: what will follow (null: nothing; a Buffer: that many bytes; 'stream': a stream of bytes).
 */
export function requestHead(method: string, target: string, headers: readonly string[], host: string, body: Buffer | 'stream' | null): RequestHead {
  if (!TOKEN.test(method)) throw new InvalidUpstreamRequestError(host, `invalid method ${JSON.stringify(method)}`);
  if (target === '' || INVALID_TARGET.test(target)) throw new InvalidUpstreamRequestError(host, `invalid request target ${JSON.stringify(target.slice(0, 64))}`);
  const fields = new FieldLines(headers, host);
  let text = `${method} ${target} HTTP/1.1\r\n${fields.text}`;
  const { contentLength } = fields;
  if (!fields.hasHost) text += `host: ${host}\r\n`;
  if (body === null) return { text: `${text}\r\n`, chunked: false, contentLength: contentLength === -1 ? -1 : contentLength };
  if (Buffer.isBuffer(body)) {
    if (contentLength !== -1 && contentLength !== body.length) {
      throw new InvalidUpstreamRequestError(host, `Content-Length ${contentLength} for a body of ${body.length} bytes`);
    }
    return { text: contentLength === -1 ? `${text}content-length: ${body.length}\r\n\r\n` : `${text}\r\n`, chunked: false, contentLength: body.length };
  }
  if (contentLength !== -1) return { text: `${text}\r\n`, chunked: false, contentLength };
  return { text: `${text}transfer-encoding: chunked\r\n\r\n`, chunked: true, contentLength: -1 };
}
