// Keep-alive connection pools, one per upstream endpoint, reused across IR versions and closed once
// an endpoint leaves the IR (in-flight requests on a closing pool still complete).

import { Pool } from 'undici';

export interface UpstreamPoolOptions {
  connectTimeoutMs: number;
  /** Idle keep-alive connections are dropped after this long (capped by the upstream's Keep-Alive hint). */
  keepAliveTimeoutMs: number;
  /** Most connections per endpoint; undefined = unbounded. */
  connectionsPerEndpoint?: number;
}

/** An endpoint's pool and its `address:port` name (for error answers and logs). */
export interface UpstreamEndpoint {
  pool: Pool;
  name: string;
}

export function endpointKey(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export class UpstreamPools {
  readonly #pools = new Map<string, Pool>();
  readonly #options: UpstreamPoolOptions;
  // Keyed by the IR's endpoint object: the hot path skips building the key string; a new IR version
  // brings new objects and the old entries are garbage collected.
  readonly #byEndpoint = new WeakMap<{ address: string; port: number }, UpstreamEndpoint>();

  constructor(options: UpstreamPoolOptions) {
    this.#options = options;
  }

  get(address: string, port: number): Pool {
    const key = endpointKey(address, port);
    let pool = this.#pools.get(key);
    if (pool === undefined || pool.closed || pool.destroyed) {
      pool = new Pool(`http://${key}`, {
        connections: this.#options.connectionsPerEndpoint ?? null,
        connectTimeout: this.#options.connectTimeoutMs,
        keepAliveTimeout: this.#options.keepAliveTimeoutMs,
        pipelining: 1,
      });
      this.#pools.set(key, pool);
    }
    return pool;
  }

  /** The pool of an IR endpoint, cached per endpoint object while its pool stays open. */
  forEndpoint(endpoint: { address: string; port: number }): UpstreamEndpoint {
    const cached = this.#byEndpoint.get(endpoint);
    if (cached !== undefined && !cached.pool.closed && !cached.pool.destroyed) return cached;
    const fresh = { pool: this.get(endpoint.address, endpoint.port), name: endpointKey(endpoint.address, endpoint.port) };
    this.#byEndpoint.set(endpoint, fresh);
    return fresh;
  }

  /** Closes the pools of endpoints not in `keep` (keys from endpointKey). */
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
