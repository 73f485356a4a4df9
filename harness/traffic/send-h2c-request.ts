// One HTTP/2 request with prior knowledge over cleartext (h2c) to a host endpoint: the client side of
// upstream's HTTPRouteBackendProtocolH2C test, which a gateway must accept beside HTTP/1.1 and carry to an h2c
// backend. Same contract as sendRequest (send-request.ts): a fresh connection per probe, a bounded time, the
// echo's JSON parsed, transport failures rejected with ProbeError. The scenario's `host` becomes :authority.
//
//   sendH2cRequest(target: ProbeTarget, request: ProbeRequest, options?: { timeoutMs? }): Promise<ProbeResponse>
import { type ClientHttp2Stream, connect } from 'node:http2';
import { collectHttp2Response, http2RequestHeaders } from './http2-exchange.ts';
import { DEFAULT_PROBE_TIMEOUT_MS, ProbeError, type ProbeRequest, type ProbeResponse, type ProbeTarget } from './send-request.ts';

export function sendH2cRequest(target: ProbeTarget, request: ProbeRequest, options: { timeoutMs?: number } = {}): Promise<ProbeResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const authority = request.host ?? `${target.host}:${target.port}`;
  const where = `${request.method ?? 'GET'} h2c://${authority}${request.path} via ${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // A fresh session per probe: each request is routed on its own, as a new client's would be.
    const session = connect(`http://${target.host}:${target.port}`);
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      outcome();
    };
    const fail = (message: string, cause?: unknown) => settle(() => reject(new ProbeError(`${where}: ${message}`, { cause })));
    const timer = setTimeout(() => fail(`no response within ${timeoutMs} ms`), timeoutMs);
    session.on('error', (error) => fail(error.message, error));
    let stream: ClientHttp2Stream;
    try {
      stream = session.request(http2RequestHeaders(request, 'http', authority), { endStream: request.body === undefined });
    } catch (error) {
      // node:http2 throws synchronously on a header HTTP/2 forbids (Connection, Upgrade, ...) or an invalid value.
      fail(`invalid request: ${error instanceof Error ? error.message : String(error)}`, error);
      return;
    }
    collectHttp2Response(
      stream,
      where,
      started,
      (response) => settle(() => resolve(response)),
      (error) => settle(() => reject(error)),
    );
    if (request.body !== undefined) stream.end(request.body);
  });
}
