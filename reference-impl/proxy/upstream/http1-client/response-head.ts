// Parses one HTTP/1.1 response head (status line and header fields, RFC 9112 sections 4 and 5) into what the
// proxy forwards and how the body is framed. Strict where leniency would let a backend desynchronise the
// connection or smuggle a second response: obsolete line folding, bare CR or LF, invalid names or values,
// Content-Length with Transfer-Encoding, differing lengths and any transfer coding but `chunked` are refused
// (the exchange answers 502) instead of guessed at. Hop-by-hop fields, also those Connection lists, are left out.

import { HOP_BY_HOP } from '../forwarded-headers.ts';
import { MalformedResponseError } from './client-errors.ts';

export interface ResponseHead {
  status: number;
  /** Reason phrase; '' when the backend sent none. */
  reason: string;
  /** End-to-end fields as a flat [name, value, ...] list in the backend's order and case. */
  headers: string[];
  /** The body length Content-Length gives; -1 without one. */
  contentLength: number;
  chunked: boolean;
  /** The backend keeps the connection open after this response (HTTP/1.1 without `close`, HTTP/1.0 with `keep-alive`). */
  keepAlive: boolean;
  /** How long the backend keeps an idle connection (`Keep-Alive: timeout=N`), in ms; -1 when it did not say. */
  keepAliveHintMs: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Field values and reason phrases: visible characters, obs-text, space and tab; no other control character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be refused
const INVALID_TEXT = /[\x00-\x08\x0a-\x1f\x7f]/;
const DIGITS = /^\d{1,15}$/;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Parses `HTTP/1.x NNN reason` at the start of `head`; the status and whether the version is 1.1. */
function parseStatusLine(line: string, upstream: string): { status: number; reason: string; http11: boolean } {
  // Exactly "HTTP/1." digit SP three digits, then the end or SP and a reason phrase.
  if (line.length < 12 || !line.startsWith('HTTP/1.') || line.charCodeAt(8) !== 32 || (line.length > 12 && line.charCodeAt(12) !== 32)) {
    throw new MalformedResponseError(upstream, `status line ${JSON.stringify(line.slice(0, 64))} is not "HTTP/1.x NNN reason"`);
  }
  const minor = line.charCodeAt(7);
  const a = line.charCodeAt(9);
  const b = line.charCodeAt(10);
  const c = line.charCodeAt(11);
  if ((minor !== 48 && minor !== 49) || !isDigit(a) || !isDigit(b) || !isDigit(c) || a === 48) {
    throw new MalformedResponseError(upstream, `status line ${JSON.stringify(line.slice(0, 64))} has an unknown version or status code`);
  }
  const reason = line.length > 13 ? line.slice(13) : '';
  if (INVALID_TEXT.test(reason)) throw new MalformedResponseError(upstream, 'control character in the reason phrase');
  return { status: (a - 48) * 100 + (b - 48) * 10 + (c - 48), reason, http11: minor === 49 };
}

/** One field line's parts, refilled by `readField` for each line of a head (no tuple or line string per field). */
interface FieldParts {
  name: string;
  value: string;
}

/** Reads the field line `text[start, end)` into `into`, refusing what RFC 9112 section 5 refuses. */
function readField(text: string, start: number, end: number, upstream: string, into: FieldParts): void {
  const colon = text.indexOf(':', start);
  const name = colon > start && colon < end ? text.slice(start, colon) : '';
  if (!TOKEN.test(name)) {
    const code = text.charCodeAt(start);
    const what = code === 32 || code === 9 ? 'obsolete line folding' : `invalid field line ${JSON.stringify(text.slice(start, Math.min(end, start + 64)))}`;
    throw new MalformedResponseError(upstream, what);
  }
  let from = colon + 1;
  let to = end;
  while (from < to && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
  while (to > from && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 9)) to--;
  const value = text.slice(from, to);
  if (INVALID_TEXT.test(value)) throw new MalformedResponseError(upstream, `control character in the value of ${name}`);
  into.name = name;
  into.value = value;
}

/** Splits `name: value` (value without surrounding spaces and tabs), refusing what RFC 9112 section 5 refuses. */
export function parseFieldLine(line: string, upstream: string): [name: string, value: string] {
  const parts = { name: '', value: '' };
  readField(line, 0, line.length, upstream, parts);
  return [parts.name, parts.value];
}

/** Framing fields gathered while the list is copied. */
class Framing {
  contentLength = -1;
  transferEncoding: string | undefined = undefined;
  close = false;
  keepAlive = false;
  listed: Set<string> | undefined = undefined;
  keepAliveHintMs = -1;

  takeKeepAlive(value: string): void {
    const match = /(?:^|[,;\s])timeout\s*=\s*(\d{1,6})/i.exec(value);
    if (match !== null) this.keepAliveHintMs = Number(match[1]) * 1000;
  }

  takeLength(value: string, upstream: string): boolean {
    // A list of equal lengths (`42, 42`) is one length; anything else is a smuggling attempt.
    for (const item of value.split(',')) {
      const text = item.trim();
      if (!DIGITS.test(text)) throw new MalformedResponseError(upstream, `invalid Content-Length ${JSON.stringify(value)}`);
      const length = Number(text);
      if (this.contentLength !== -1 && this.contentLength !== length) throw new MalformedResponseError(upstream, 'differing Content-Length values');
      this.contentLength = length;
    }
    return true;
  }

  takeHopByHop(lower: string, value: string): void {
    if (lower === 'transfer-encoding') this.transferEncoding = this.transferEncoding === undefined ? value : `${this.transferEncoding},${value}`;
    else if (lower === 'connection') this.takeConnection(value);
    else if (lower === 'keep-alive') this.takeKeepAlive(value);
  }

  takeConnection(value: string): void {
    for (const token of value.split(',')) {
      const name = token.trim().toLowerCase();
      if (name === 'close') this.close = true;
      else if (name === 'keep-alive') this.keepAlive = true;
      else if (name !== '') {
        this.listed ??= new Set();
        this.listed.add(name);
      }
    }
  }
}

/** Lengths of the names copyFields must recognise (Content-Length and the hop-by-hop ones): any other name is copied without lower-casing it. */
const SPECIAL_LENGTHS = new Set(['content-length', ...HOP_BY_HOP].map((name) => name.length));

/** The end-to-end fields from `from` on, hop-by-hop ones and repeated lengths left out, framing ones taken by `framing`. */
function copyFields(head: string, from: number, framing: Framing, upstream: string): string[] {
  const headers: string[] = [];
  const field: FieldParts = { name: '', value: '' };
  let lengthSeen = false;
  for (let pos = from, eol = from; pos < head.length; pos = eol + 2) {
    eol = head.indexOf('\r\n', pos);
    if (eol === -1) eol = head.length;
    readField(head, pos, eol, upstream, field);
    const { name, value } = field;
    if (SPECIAL_LENGTHS.has(name.length)) {
      const lower = name.toLowerCase();
      if (lower === 'content-length') {
        framing.takeLength(value, upstream);
        if (lengthSeen) continue;
        lengthSeen = true;
      } else if (HOP_BY_HOP.has(lower)) {
        framing.takeHopByHop(lower, value);
        continue;
      }
    }
    headers.push(name, value);
  }
  return headers;
}

/** `head`: the bytes before the blank line, as latin1 text. */
export function parseResponseHead(head: string, upstream: string): ResponseHead {
  let eol = head.indexOf('\r\n');
  if (eol === -1) eol = head.length;
  const { status, reason, http11 } = parseStatusLine(head.slice(0, eol), upstream);
  const framing = new Framing();
  const headers = copyFields(head, eol + 2, framing, upstream);
  const chunked = framing.transferEncoding !== undefined;
  if (chunked && framing.transferEncoding?.trim().toLowerCase() !== 'chunked') {
    throw new MalformedResponseError(upstream, `Transfer-Encoding ${JSON.stringify(framing.transferEncoding)}: only chunked can be forwarded faithfully`);
  }
  if (chunked && framing.contentLength !== -1) throw new MalformedResponseError(upstream, 'both Content-Length and Transfer-Encoding (RFC 9112 6.3)');
  const listed = framing.listed;
  return {
    status,
    reason,
    headers: listed === undefined ? headers : headers.filter((_, i) => !listed.has((headers[i - (i % 2)] ?? '').toLowerCase())),
    contentLength: framing.contentLength,
    chunked,
    keepAlive: !framing.close && (http11 || framing.keepAlive),
    keepAliveHintMs: framing.keepAliveHintMs,
  };
}
