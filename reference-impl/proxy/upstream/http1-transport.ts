// Attempts over HTTP/1.1 for the filtered path (over TLS for a backend with `tls`): the endpoint's pool from
// UpstreamPools, the same client the plain path uses (our own for cleartext, undici's for TLS).

import type { UpstreamTransport } from './upstream-attempt.ts';
import type { UpstreamPools } from './upstream-pools.ts';

export function http1Transport(pools: UpstreamPools): UpstreamTransport {
  return {
    start(endpoint, request, listener, tls) {
      return pools.forEndpoint(endpoint, tls).pool.request(request, listener);
    },
  };
}
