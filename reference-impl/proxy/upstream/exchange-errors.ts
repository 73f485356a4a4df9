// Why an exchange stopped when the upstream itself did not say: a route timeout of the filtered path
// expired, or the client went away (either path). Codes are stable; the timeouts classify as 504.

export class RequestTimeoutError extends Error {
  readonly code = 'PROXY_REQUEST_TIMEOUT';
  constructor(ruleId: string, timeoutMs: number) {
    super(`request timeout: no complete answer within ${timeoutMs} ms (rule ${ruleId}, timeouts.request)`);
    this.name = 'RequestTimeoutError';
  }
}

export class BackendRequestTimeoutError extends Error {
  readonly code = 'PROXY_BACKEND_REQUEST_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`backend request timeout: the attempt got no complete answer within ${timeoutMs} ms (timeouts.backendRequest)`);
    this.name = 'BackendRequestTimeoutError';
  }
}

export class ClientGoneError extends Error {
  readonly code = 'PROXY_CLIENT_GONE';
  constructor() {
    super('client closed the connection before the upstream answer was complete');
    this.name = 'ClientGoneError';
  }
}
