// What the proxy refuses in an HTTP/1.x request that Node's parser (llhttp) lets through, checked once
// per request before routing, with a few comparisons and no allocation. llhttp itself rejects (and
// client-error-answer.ts answers) Content-Length with Transfer-Encoding, duplicate or malformed lengths,
// obsolete line folding, bare LF or CR, bad chunk sizes, invalid header names and values, and oversized
// heads. What it accepts and we refuse, closing the connection because its framing is in doubt:
// - an HTTP version other than 1.x on an HTTP/1 connection (`HTTP/2.0`, a 0.9 request line): 505;
// - more than MAX_REQUEST_HEADERS header fields: 431 (Node would silently drop the extra ones);
// - Transfer-Encoding in an HTTP/1.0 request, or one whose last coding is not chunked (when llhttp
//   lets it reach the request callback): 400 (RFC 9112 sections 6.1 and 6.3, the framing is faulty);
// - a transfer coding before `chunked` (`gzip, chunked`): 501, since the proxy would forward the decoded
//   chunks with the gzip coding lost (RFC 9112 section 6.1: a coding the server does not know);
// - Host repeated: 400 (RFC 9112 section 3.2; routing and the backend could read different ones).

import type { IncomingMessage } from 'node:http';

export const MAX_REQUEST_HEADERS = 100;

export interface RequestRefusal {
  status: number;
  message: string;
}

const NOT_HTTP1: RequestRefusal = { status: 505, message: 'only HTTP/1.0 and HTTP/1.1 are served on an HTTP/1 connection' };
const TOO_MANY_HEADERS: RequestRefusal = { status: 431, message: `more than ${MAX_REQUEST_HEADERS} header fields` };
const TE_IN_HTTP10: RequestRefusal = { status: 400, message: 'Transfer-Encoding is not allowed in an HTTP/1.0 request' };
const NO_CHUNKED_LAST: RequestRefusal = { status: 400, message: 'a request with Transfer-Encoding must end it with chunked' };
const UNKNOWN_CODING: RequestRefusal = { status: 501, message: 'the only transfer coding served is chunked' };
const REPEATED_HOST: RequestRefusal = { status: 400, message: 'Host must appear once' };

/** Undefined for a request the proxy serves; else the answer to give before closing the connection. */
export function http1RequestRefusal(req: IncomingMessage): RequestRefusal | undefined {
  if (req.httpVersionMajor !== 1) return NOT_HTTP1;
  const raw = req.rawHeaders;
  if (raw.length > 2 * MAX_REQUEST_HEADERS) return TOO_MANY_HEADERS;
  const transferEncoding = req.headers['transfer-encoding'];
  if (transferEncoding !== undefined) {
    if (req.httpVersionMinor === 0) return TE_IN_HTTP10;
    const codings = transferEncoding.trim().toLowerCase();
    // Without chunked last the body has no length (RFC 9112 section 6.3); a coding before it we do not apply.
    if (!codings.endsWith('chunked')) return NO_CHUNKED_LAST;
    if (codings !== 'chunked') return UNKNOWN_CODING;
  }
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') hosts += 1;
  }
  return hosts > 1 ? REPEATED_HOST : undefined;
}
