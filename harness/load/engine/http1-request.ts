// One HTTP/1.1 request encoded once into the bytes a load connection writes again and again: no header
// objects, no string building per request. Keep-alive is HTTP/1.1's default, so no Connection header.
//
//   encodeRequest(spec: LoadRequest, defaultHost: string): Buffer
//   LoadRequest = { method?, path, host?, headers?, body? }

export interface LoadRequest {
  /** Default GET. */
  method?: string;
  /** The request target: path with optional ?query. */
  path: string;
  /** The Host header; default the target's host:port. */
  host?: string;
  headers?: Record<string, string>;
  body?: string;
}

export class LoadRequestError extends Error {
  readonly code = 'GAUNTLET_LOAD_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'LoadRequestError';
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Field values and the target: visible ASCII, spaces and tabs (and obs-text), never CR, LF or NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const TARGET = /^\/[\x21-\x7e]*$/;

function check(what: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) throw new LoadRequestError(`load request ${what} ${JSON.stringify(value)} is not valid in HTTP/1.1; fix it in the scenario`);
}

export function encodeRequest(spec: LoadRequest, defaultHost: string): Buffer {
  const method = (spec.method ?? 'GET').toUpperCase();
  check('method', method, TOKEN);
  check('path', spec.path, TARGET);
  const host = spec.host ?? defaultHost;
  check('host', host, FIELD_VALUE);
  let head = `${method} ${spec.path} HTTP/1.1\r\nHost: ${host}\r\n`;
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body, 'utf8');
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    const lower = name.toLowerCase();
    // The engine frames the body and keeps the connection open itself: those headers are not the scenario's.
    if (lower === 'host' || lower === 'content-length' || lower === 'transfer-encoding' || lower === 'connection') {
      throw new LoadRequestError(`load request header ${name} is set by the load engine; remove it from the scenario (use host: for the Host header)`);
    }
    check('header name', name, TOKEN);
    check(`header ${name} value`, value, FIELD_VALUE);
    head += `${name}: ${value}\r\n`;
  }
  if (body !== undefined) head += `Content-Length: ${body.length}\r\n`;
  const encodedHead = Buffer.from(`${head}\r\n`, 'latin1');
  return body === undefined ? encodedHead : Buffer.concat([encodedHead, body]);
}

/** Whether the response to this request has no body whatever its headers say (RFC 9112 section 6.3). */
export function expectsNoBody(spec: LoadRequest): boolean {
  return (spec.method ?? 'GET').toUpperCase() === 'HEAD';
}
