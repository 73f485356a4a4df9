// Why an exchange with a cleartext HTTP/1.1 backend failed, as errors with stable codes: upstream-failure.ts
// turns the codes into the client's answer (503 could not connect, 504 too slow, 502 anything else) and
// /metrics counts upstream errors by them. Socket errors Node raises itself (ECONNREFUSED, ECONNRESET, EPIPE)
// pass through unchanged.

export class UpstreamConnectTimeoutError extends Error {
  readonly code = 'PROXY_UPSTREAM_CONNECT_TIMEOUT';
  constructor(upstream: string, timeoutMs: number) {
    super(`connection to ${upstream} not established within ${timeoutMs} ms`);
    this.name = 'UpstreamConnectTimeoutError';
  }
}

export class UpstreamHeadersTimeoutError extends Error {
  readonly code = 'PROXY_UPSTREAM_HEADERS_TIMEOUT';
  constructor(upstream: string, timeoutMs: number) {
    super(`${upstream} sent no complete response head within ${timeoutMs} ms (upstream headersTimeoutMs)`);
    this.name = 'UpstreamHeadersTimeoutError';
  }
}

export class UpstreamBodyTimeoutError extends Error {
  readonly code = 'PROXY_UPSTREAM_BODY_TIMEOUT';
  constructor(upstream: string, timeoutMs: number) {
    super(`${upstream} sent nothing of its response body for ${timeoutMs} ms (upstream bodyTimeoutMs)`);
    this.name = 'UpstreamBodyTimeoutError';
  }
}

/** The backend closed the connection before its response was complete. */
export class UpstreamClosedError extends Error {
  readonly code = 'PROXY_UPSTREAM_CLOSED';
  /** Nothing of a response had arrived: on a reused connection, the request never reached the application. */
  readonly beforeResponse: boolean;
  constructor(upstream: string, beforeResponse: boolean) {
    super(`${upstream} closed the connection ${beforeResponse ? 'before answering' : 'before its response was complete'}`);
    this.name = 'UpstreamClosedError';
    this.beforeResponse = beforeResponse;
  }
}

/** The response broke HTTP/1.1's syntax or framing rules (RFC 9112): it cannot be forwarded faithfully. */
export class MalformedResponseError extends Error {
  readonly code = 'PROXY_UPSTREAM_MALFORMED_RESPONSE';
  constructor(upstream: string, problem: string) {
    super(`${upstream} sent a malformed response: ${problem}`);
    this.name = 'MalformedResponseError';
  }
}

/** The request cannot be written as HTTP/1.1 (a control character in its target or a header). */
export class InvalidUpstreamRequestError extends Error {
  readonly code = 'PROXY_UPSTREAM_INVALID_REQUEST';
  constructor(upstream: string, problem: string) {
    super(`request to ${upstream} not sent: ${problem}`);
    this.name = 'InvalidUpstreamRequestError';
  }
}

/** The request body ended with another length than its Content-Length said, or broke off. */
export class RequestBodyError extends Error {
  readonly code = 'PROXY_UPSTREAM_REQUEST_BODY';
  constructor(upstream: string, problem: string) {
    super(`request body to ${upstream} not sent whole: ${problem}`);
    this.name = 'RequestBodyError';
  }
}

/** The endpoint left the IR and its pool closed before this request could start. */
export class PoolClosedError extends Error {
  readonly code = 'PROXY_UPSTREAM_POOL_CLOSED';
  constructor(upstream: string) {
    super(`the connection pool of ${upstream} is closed (the endpoint left the configuration)`);
    this.name = 'PoolClosedError';
  }
}
