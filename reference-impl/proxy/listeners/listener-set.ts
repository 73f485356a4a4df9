// Keeps the set of listening ports equal to the IR's: opens new ports, closes removed ones, and swaps
// the router (and, on an HTTPS port, the TLS termination; on a port with TLS listeners, the SNI dispatch) of ports that stay. A port that cannot be bound is retried in the background (with a
// growing delay) for as long as the IR wants it; until then the proxy is not ready.

import type { PortListenerIR } from '../../ir/gateway-ir.ts';
import { compileRouter, type RouterWarning } from '../router/compile-router.ts';
import type { ClientLimits } from './client-limits.ts';
import { type PortHandlers, PortServer, type ProxyListenError } from './port-server.ts';
import { compileSniDispatch } from './sni-dispatch.ts';
import type { TlsStreamOptions } from './tls-stream-port.ts';
import { compileTlsTermination, type TlsWarning } from './tls-termination.ts';

export interface ReconcileResult {
  opened: number[];
  closed: number[];
  failed: ProxyListenError[];
  warnings: (RouterWarning & { port: number })[];
  /** Certificates an HTTPS port or a TLS listener in Terminate mode cannot serve. */
  tlsWarnings: (TlsWarning & { port: number })[];
}

export interface ListenerSetOptions {
  host: string;
  handlers: PortHandlers;
  /** Bind with SO_REUSEPORT, so several proxy processes can serve the same ports. Default false. */
  reusePort?: boolean;
  /** How long a removed port waits for its in-flight requests. */
  drainTimeoutMs: number;
  /** First delay before binding a failed port again; doubles up to 10 s. Default 500 ms. */
  bindRetryMs?: number;
  /** How TLS listeners reach their backends; default: 5 s to connect, Math.random for weights. */
  streams?: TlsStreamOptions;
  /** Timeouts and the connection cap for clients; default DEFAULT_CLIENT_LIMITS. */
  clientLimits?: ClientLimits;
  /** Told about each background bind attempt (error undefined on success). */
  onBindRetry?: (port: number, error: ProxyListenError | undefined) => void;
}

const MAX_BIND_RETRY_MS = 10_000;

export class ListenerSet {
  readonly #options: ListenerSetOptions;
  readonly #servers = new Map<number, PortServer>();
  readonly #draining = new Set<Promise<void>>();
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelayMs: number;
  #closed = false;

  constructor(options: ListenerSetOptions) {
    this.#options = options;
    this.#retryDelayMs = options.bindRetryMs ?? 500;
  }

  /** True when every port of the last reconciled IR is listening. */
  get allBound(): boolean {
    if (this.#closed) return false;
    for (const server of this.#servers.values()) if (!server.bound) return false;
    return true;
  }

  /** Ports that are listening now. */
  ports(): number[] {
    return [...this.#servers.values()]
      .filter((server) => server.bound)
      .map((server) => server.port)
      .sort((a, b) => a - b);
  }

  async reconcile(listeners: readonly PortListenerIR[]): Promise<ReconcileResult> {
    const result: ReconcileResult = { opened: [], closed: [], failed: [], warnings: [], tlsWarnings: [] };
    const wanted = new Set(listeners.map((l) => l.port));
    const binding: Promise<void>[] = [];
    for (const listener of listeners) {
      const router = compileRouter(listener);
      for (const warning of router.warnings) result.warnings.push({ ...warning, port: listener.port });
      const termination = listener.tls === undefined ? undefined : compileTlsTermination(listener.tls);
      for (const warning of termination?.warnings ?? []) result.tlsWarnings.push({ ...warning, port: listener.port });
      const dispatch = listener.tlsListeners === undefined ? undefined : compileSniDispatch(listener);
      for (const warning of dispatch?.warnings ?? []) result.tlsWarnings.push({ ...warning, port: listener.port });
      let server = this.#servers.get(listener.port);
      if (server === undefined) {
        server = new PortServer(this.#options.host, listener.port, router, this.#options.handlers, this.#options.reusePort, this.#options.streams, this.#options.clientLimits);
        this.#servers.set(listener.port, server);
      } else {
        server.router = router;
      }
      server.termination = termination;
      server.dispatch = dispatch;
      server.tcp = listener.tcp;
      if (server.bound) continue;
      binding.push(
        server.listen().then(
          () => void result.opened.push(listener.port),
          (error: ProxyListenError) => void result.failed.push(error),
        ),
      );
    }
    for (const [port, server] of this.#servers) {
      if (wanted.has(port)) continue;
      this.#servers.delete(port);
      result.closed.push(port);
      // Removed ports drain in the background: a slow request there must not delay the new config.
      const closing = server.close(this.#options.drainTimeoutMs);
      this.#draining.add(closing);
      void closing.then(() => this.#draining.delete(closing));
    }
    await Promise.all(binding);
    if (result.failed.length > 0) this.#scheduleBindRetry();
    return result;
  }

  #scheduleBindRetry(): void {
    if (this.#retryTimer !== undefined || this.#closed) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#retryUnbound();
    }, this.#retryDelayMs);
    this.#retryDelayMs = Math.min(MAX_BIND_RETRY_MS, this.#retryDelayMs * 2);
  }

  async #retryUnbound(): Promise<void> {
    const unbound = [...this.#servers.values()].filter((server) => !server.bound);
    let stillFailing = false;
    for (const server of unbound) {
      try {
        await server.listen();
        this.#options.onBindRetry?.(server.port, undefined);
      } catch (error) {
        stillFailing = true;
        this.#options.onBindRetry?.(server.port, error as ProxyListenError);
      }
    }
    if (stillFailing) this.#scheduleBindRetry();
    else this.#retryDelayMs = this.#options.bindRetryMs ?? 500;
  }

  async closeAll(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    const servers = [...this.#servers.values()];
    this.#servers.clear();
    await Promise.all([...servers.map((server) => server.close(this.#options.drainTimeoutMs)), ...this.#draining]);
  }
}
