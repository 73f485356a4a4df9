// Maps an upstream error to the answer the client gets: could not connect -> 503, too slow -> 504,
// anything else before the response started -> 502 (a backend whose TLS certificate fails verification among
// them). The body names the cause in one short line.

export interface UpstreamFailure {
  status: 502 | 503 | 504;
  message: string;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'PROXY_H2C_CONNECT_TIMEOUT',
  'PROXY_UPSTREAM_CONNECT_TIMEOUT',
  'PROXY_UPSTREAM_POOL_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'PROXY_H2C_STREAM_TIMEOUT',
  'PROXY_BACKEND_REQUEST_TIMEOUT',
  'PROXY_UPSTREAM_HEADERS_TIMEOUT',
  'PROXY_UPSTREAM_BODY_TIMEOUT',
]);

/** The error's string `code` (Node and undici set one), or UNKNOWN. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return 'UNKNOWN';
}

export function classifyUpstreamFailure(error: unknown, upstream: string): UpstreamFailure {
  const code = errorCode(error);
  if (code === 'PROXY_BACKEND_TLS') return { status: 502, message: `upstream TLS handshake failed: ${upstream} (${(error as Error).message})` };
  if (CONNECT_CODES.has(code)) {
    return { status: 503, message: `upstream connect error: ${upstream} (${code})` };
  }
  if (TIMEOUT_CODES.has(code)) {
    return { status: 504, message: `upstream request timeout: ${upstream} (${code})` };
  }
  return { status: 502, message: `upstream reset before response: ${upstream} (${code})` };
}

/** True when nothing reached the upstream application, so a request without a body can safely be resent. */
export function isStaleConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}
