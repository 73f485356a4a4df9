// Keep-alive connection pools, one per upstream endpoint (and, for a backend spoken to over TLS, per TLS
// settings: the same pod reached under two BackendTLSPolicies gets two pools), reused across IR versions and
// closed once an endpoint leaves the IR (in-flight requests on a closing pool still complete). Cleartext
// endpoints get our own HTTP/1.1 client (http1-client/), TLS ones undici's Pool behind the same interface.

import { Pool } from 'undici';
import type { BackendTlsIR, TlsCertificateIR } from '../../ir/gateway-ir.ts';
import { backendTlsKey } from './backend-tls.ts';
import { backendTlsConnector } from './backend-tls-connector.ts';
import { ConnectionPool, type Http1Client } from './http1-client/connection-pool.ts';
import { UndiciClient } from './http1-client/undici-client.ts';

export interface UpstreamPoolOptions {
  connectTimeoutMs: number;
  /** Idle keep-alive connections are dropped after this long (capped by the upstream's Keep-Alive hint). */
  keepAliveTimeoutMs: number;
  /** Most connections per endpoint; undefined = unbounded. */
  connectionsPerEndpoint?: number;
}

/** An endpoint's pool and its `address:port` name (for error answers and logs). */
export interface UpstreamEndpoint {
  pool: Http1Client;
  name: string;
}

export function endpointKey(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export class UpstreamPools {
  readonly #pools = new Map<string, Http1Client>();
  readonly #options: UpstreamPoolOptions;
  // Keyed by the IR's endpoint object: the hot path skips building the key string; a new IR version
  // brings new objects and the old entries are garbage collected.
  readonly #byEndpoint = new WeakMap<{ address: string; port: number }, UpstreamEndpoint>();
  #clientCertificate: TlsCertificateIR | undefined;

  constructor(options: UpstreamPoolOptions) {
    this.#options = options;
  }

  /** The certificate presented to TLS backends from now on (the Gateway's); pools made under another are left to retainOnly. */
  useClientCertificate(certificate: TlsCertificateIR | undefined): void {
    this.#clientCertificate = certificate;
  }

  get clientCertificate(): TlsCertificateIR | undefined {
    return this.#clientCertificate;
  }

  /** The pool key of an endpoint: its address, and for TLS the settings it is reached with (the current client certificate included). */
  keyOf(address: string, port: number, tls?: BackendTlsIR): string {
    const key = endpointKey(address, port);
    return tls === undefined ? key : `${key}|tls:${backendTlsKey({ tls, clientCertificate: this.#clientCertificate })}`;
  }

  get(address: string, port: number, tls?: BackendTlsIR): Http1Client {
    const key = this.keyOf(address, port, tls);
    let pool = this.#pools.get(key);
    if (pool === undefined || pool.closed) {
      const name = endpointKey(address, port);
      const { connectTimeoutMs, keepAliveTimeoutMs, connectionsPerEndpoint } = this.#options;
      pool =
        tls === undefined
          ? new ConnectionPool(address, port, name, { connectTimeoutMs, keepAliveTimeoutMs, maxConnections: connectionsPerEndpoint })
          : new UndiciClient(
              new Pool(`https://${name}`, {
                connections: connectionsPerEndpoint ?? null,
                keepAliveTimeout: keepAliveTimeoutMs,
                pipelining: 1,
                connect: backendTlsConnector({ address, port }, name, { tls, clientCertificate: this.#clientCertificate }, connectTimeoutMs),
              }),
            );
      this.#pools.set(key, pool);
    }
    return pool;
  }

  /** The pool of an IR endpoint (of a backend with `tls`, over TLS), cached per endpoint object while its pool stays open. */
  forEndpoint(endpoint: { address: string; port: number }, tls?: BackendTlsIR): UpstreamEndpoint {
    const cached = this.#byEndpoint.get(endpoint);
    if (cached !== undefined && !cached.pool.closed) return cached;
    const fresh = { pool: this.get(endpoint.address, endpoint.port, tls), name: endpointKey(endpoint.address, endpoint.port) };
    this.#byEndpoint.set(endpoint, fresh);
    return fresh;
  }

  /** Closes the pools of endpoints not in `keep` (keys from keyOf). */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const [key, pool] of this.#pools) {
      if (keep.has(key)) continue;
      this.#pools.delete(key);
      pool.close().catch(() => {
        // Closing a pool that failed is not worth more than dropping it.
      });
    }
  }

  async closeAll(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.allSettled(pools.map((pool) => pool.close()));
  }
}
