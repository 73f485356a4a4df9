// A KubeConfig whose API calls share one connection pool. client-node 2.0 builds a new undici Agent for every
// request (KubeConfig.applySecurityAuthentication -> createDispatcher), so every call opened a fresh TLS
// connection: profiled with 1,000 routes settling, handshakes were about a tenth of the controller's CPU and as
// much again in the API server. This keeps the first Agent built for each TLS identity and hands it to every
// later request, as client-go's shared transport does; the per-request Agent is dropped before it ever connects.
import { KubeConfig } from '@kubernetes/client-node';

type RequestContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];
type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

export class PooledKubeConfig extends KubeConfig {
  readonly #dispatchers = new Map<string, Dispatcher>();

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const fresh = context.getDispatcher();
    if (fresh === undefined) return; // plain http without TLS options: undici's global pool already keeps connections
    // The TLS identity is fixed by the current context (its cluster's CA and server, its user's certificate).
    const key = `${this.getCurrentContext()}\u0000${this.getCurrentCluster()?.server ?? ''}\u0000${this.getCurrentUser()?.name ?? ''}`;
    const pooled = this.#dispatchers.get(key);
    if (pooled === undefined) {
      this.#dispatchers.set(key, fresh);
      return;
    }
    // The fresh Agent never connected: it holds no socket, and closing it cost more than letting it be collected.
    context.setDispatcher(pooled);
  }

  /** Closes the pooled connections (watches on them end); for a clean shutdown. */
  async closeConnections(): Promise<void> {
    const dispatchers = [...this.#dispatchers.values()];
    this.#dispatchers.clear();
    await Promise.all(dispatchers.map((dispatcher) => dispatcher.close().catch(() => undefined)));
  }
}
