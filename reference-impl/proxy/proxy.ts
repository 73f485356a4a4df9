// The reference proxy: follows the config stream of one Gateway and serves its HTTP, HTTPS, TLS, TCP and UDP listeners.

import pino, { type Logger } from 'pino';
import type { BackendIR, GatewayIR, HttpFilterIR } from '../ir/gateway-ir.ts';
import { withAddedLatency } from './added-latency.ts';
import { withAccessLog } from './admin/access-log.ts';
import { type AdminServer, startAdminServer } from './admin/admin-server.ts';
import { renderPrometheus } from './admin/prometheus-text.ts';
import { ProxyStats } from './admin/proxy-stats.ts';
import { RequestMetrics } from './admin/request-metrics.ts';
import { createBackendChooser, type RandomSource } from './backend/choose-backend.ts';
import { ConfigClient } from './config/config-client.ts';
import { createRequestHandler } from './handle-request.ts';
import { type ClientLimits, resolveClientLimits } from './listeners/client-limits.ts';
import { ListenerSet } from './listeners/listener-set.ts';
import { UdpListenerSet } from './listeners/udp-listener-set.ts';
import { createUpgradeHandler } from './upgrade/handle-upgrade.ts';
import { forwardedTrustOf } from './upstream/forwarded-trust.ts';
import { H2cSessions } from './upstream/h2c-sessions.ts';
import { h2cTransport } from './upstream/h2c-transport.ts';
import { http1Transport } from './upstream/http1-transport.ts';
import { UpstreamErrorLog } from './upstream/upstream-error-log.ts';
import { UpstreamPools } from './upstream/upstream-pools.ts';

export interface ProxyOptions {
  gateway: { namespace: string; name: string };
  /** `host:port` of the controller's config server. */
  configServer: string;
  /** Address every listener binds to (the pod IP); default all IPv4 interfaces. */
  host?: string;
  /**
   * Bind listener ports with SO_REUSEPORT so that several proxy processes (see main.ts, PROXY_WORKERS)
   * share them. Default false: a port taken by anything else is then a bind failure, as usual.
   */
  reusePort?: boolean;
  /** Admin server port; 0 picks a free one. Default 19001. */
  adminPort?: number;
  logger?: Logger;
  random?: RandomSource;
  endpointPolicy?: 'round-robin' | 'random';
  upstream?: { connectTimeoutMs?: number; headersTimeoutMs?: number; bodyTimeoutMs?: number; keepAliveTimeoutMs?: number };
  /**
   * Rules with retries buffer request bodies up to `retryBufferBytes` (default 1 MiB) so attempts can
   * resend them; a mirror more than `mirrorLagBytes` (default 1 MiB) behind the main request's body
   * is dropped, and one still running after `mirrorTimeoutMs` (default 30 s) is cut off.
   */
  filters?: { retryBufferBytes?: number; mirrorLagBytes?: number; mirrorTimeoutMs?: number };
  /**
   * Slow and idle clients and the connection cap per port (listeners/client-limits.ts): head within 60 s,
   * whole request within 300 s, idle connections closed after 65 s, at most 10,000 connections a port.
   */
  client?: Partial<ClientLimits>;
  /**
   * Addresses or CIDRs of forwarders in front of the proxy whose X-Forwarded-For list is appended to and
   * whose X-Forwarded-Proto and -Host are passed on; everyone else's are replaced. Default none.
   */
  trustedForwarders?: string[];
  /** One structured log line per client request (admin/access-log.ts). Default off. */
  accessLog?: boolean;
  /** How long a closing port (or the whole proxy) waits for in-flight requests. Default 20 s. */
  drainTimeoutMs?: number;
  reconnect?: { initialBackoffMs?: number; maxBackoffMs?: number };
  /** First delay before binding a port that failed again (doubling up to 10 s). Default 500 ms. */
  bindRetryMs?: number;
  /** An upstream failure of one rule, upstream and error code is logged at most once per this interval. Default 10 s. */
  upstreamErrorLogIntervalMs?: number;
  /** A UDP flow (a client's address and port) with no datagram either way for this long is forgotten. Default 30 s. */
  udpIdleTimeoutMs?: number;
  /** Hold every HTTP request this long before routing it: a deliberate slowdown (added-latency.ts). Default 0. */
  addedLatencyMs?: number;
}

export interface RunningProxy {
  adminPort: number;
  /** Version of the IR being served, undefined before the first. */
  irVersion(): number | undefined;
  listeningPorts(): number[];
  /** Resolves once an IR of at least `version` is applied (rejects after timeoutMs). */
  whenVersionApplied(version: number, timeoutMs: number): Promise<void>;
  /** Stops the config stream and every listener; in-flight requests finish (up to the drain timeout). */
  close(): Promise<void>;
}

export const DEFAULT_ADMIN_PORT = 19001;

class VersionWaitTimeoutError extends Error {
  readonly code = 'PROXY_VERSION_WAIT_TIMEOUT';
  constructor(version: number, current: number | undefined, timeoutMs: number) {
    super(`IR version ${version} not applied within ${timeoutMs} ms (current: ${current ?? 'none'}); is the config server sending it?`);
    this.name = 'VersionWaitTimeoutError';
  }
}

/** Every endpoint the IR can send to (keyed as `pools` keys them): rule backends and the mirror backends of rule and backend filters. */
function endpointKeysOf(ir: GatewayIR, pools: UpstreamPools): Set<string> {
  const keys = new Set<string>();
  const addBackend = (backend: BackendIR): void => {
    if (backend.kind !== 'service') return;
    for (const e of backend.endpoints) keys.add(pools.keyOf(e.address, e.port, backend.tls));
    addMirrors(backend.filters);
  };
  const addMirrors = (filters: readonly HttpFilterIR[]): void => {
    for (const filter of filters) if (filter.type === 'RequestMirror') addBackend(filter.backend);
  };
  for (const listener of ir.listeners) {
    for (const vhost of listener.virtualHosts) {
      for (const rule of vhost.rules) {
        addMirrors(rule.filters);
        for (const backend of rule.backends) addBackend(backend);
      }
    }
  }
  return keys;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const host = options.host ?? '0.0.0.0';
  const logger = options.logger ?? pino({ name: 'proxy' });
  const stats = new ProxyStats();
  const requestMetrics = new RequestMetrics();
  const connectTimeoutMs = options.upstream?.connectTimeoutMs ?? 5000;
  const keepAliveTimeoutMs = options.upstream?.keepAliveTimeoutMs ?? 60_000;
  const pools = new UpstreamPools({ connectTimeoutMs, keepAliveTimeoutMs });
  const h2cSessions = new H2cSessions({ connectTimeoutMs, keepAliveTimeoutMs });
  const chooser = createBackendChooser({ random: options.random, endpointPolicy: options.endpointPolicy });
  const forward = {
    headersTimeoutMs: options.upstream?.headersTimeoutMs ?? 60_000,
    bodyTimeoutMs: options.upstream?.bodyTimeoutMs ?? 60_000,
    forwardedTrust: forwardedTrustOf(options.trustedForwarders ?? []),
  };
  const upstreamErrors = new UpstreamErrorLog(logger, { intervalMs: options.upstreamErrorLogIntervalMs });
  const handler = withAddedLatency(createRequestHandler({
    chooser,
    pools,
    transports: { http: http1Transport(pools), h2c: h2cTransport(h2cSessions) },
    stats,
    metrics: requestMetrics,
    forward,
    upstreamErrors,
    replayLimitBytes: options.filters?.retryBufferBytes ?? 1024 * 1024,
    mirrorLagLimitBytes: options.filters?.mirrorLagBytes ?? 1024 * 1024,
    mirrorTimeoutMs: options.filters?.mirrorTimeoutMs ?? 30_000,
  }), options.addedLatencyMs ?? 0);
  const upgradeHandler = createUpgradeHandler({
    chooser,
    stats,
    upstreamErrors,
    connectTimeoutMs,
    headersTimeoutMs: forward.headersTimeoutMs,
    backendClientCertificate: () => pools.clientCertificate,
    forwardedTrust: forward.forwardedTrust,
  });
  const listeners = new ListenerSet({
    host,
    clientLimits: resolveClientLimits(options.client),
    handlers: { request: options.accessLog === true ? withAccessLog(handler, logger) : handler, upgrade: upgradeHandler },
    reusePort: options.reusePort,
    drainTimeoutMs: options.drainTimeoutMs ?? 20_000,
    bindRetryMs: options.bindRetryMs,
    streams: {
      connectTimeoutMs,
      handshakeTimeoutMs: 10_000,
      random: options.random ?? Math.random,
      onRefused: (reason) => logger.debug({ reason }, 'TLS connection refused'),
    },
    onBindRetry: (port, error) => {
      if (error === undefined) logger.info({ port }, 'listener bound after retry');
      else logger.warn({ port, code: error.code }, error.message);
    },
  });
  const udpListeners = new UdpListenerSet({
    host,
    reusePort: options.reusePort,
    bindRetryMs: options.bindRetryMs,
    flows: {
      connectTimeoutMs,
      random: options.random ?? Math.random,
      idleTimeoutMs: options.udpIdleTimeoutMs ?? 30_000,
      maxFlows: 10_000,
      onRefused: (reason) => logger.debug({ reason }, 'UDP datagram dropped'),
    },
    onBindRetry: (port, error) => {
      if (error === undefined) logger.info({ port }, 'UDP listener bound after retry');
      else logger.warn({ port, code: error.code }, error.message);
    },
  });
  let version: number | undefined;
  let appliedAtMs: number | undefined;
  const versionWaiters = new Set<() => void>();

  async function apply(ir: GatewayIR, irVersion: number): Promise<void> {
    const result = await listeners.reconcile(ir.listeners);
    const udp = await udpListeners.reconcile(ir.udpListeners ?? []);
    for (const failure of udp.failed) logger.error({ port: failure.port, protocol: 'UDP', code: failure.code }, failure.message);
    if (udp.opened.length > 0 || udp.closed.length > 0) logger.info({ opened: udp.opened, closed: udp.closed }, 'UDP listeners changed');
    for (const warning of result.warnings) logger.warn(warning, warning.message);
    for (const warning of result.tlsWarnings) logger.warn(warning, warning.message);
    for (const failure of result.failed) logger.error({ port: failure.port, code: failure.code }, failure.message);
    if (result.opened.length > 0 || result.closed.length > 0) {
      logger.info({ opened: result.opened, closed: result.closed }, 'listeners changed');
    }
    pools.useClientCertificate(ir.backendClientCertificate);
    const endpoints = endpointKeysOf(ir, pools);
    pools.retainOnly(endpoints);
    h2cSessions.retainOnly(endpoints);
    version = irVersion;
    appliedAtMs = Date.now();
    for (const wake of versionWaiters) wake();
  }

  const ready = (): boolean => version !== undefined && listeners.allBound && udpListeners.allBound;
  const admin: AdminServer = await startAdminServer(host, options.adminPort ?? DEFAULT_ADMIN_PORT, {
    ready,
    stats: () => stats.snapshot(version ?? null, listeners.ports()),
    metrics: () =>
      renderPrometheus({
        stats: stats.snapshot(version ?? null, listeners.ports()),
        upstreamErrors: upstreamErrors.countsByCode,
        ready: ready(),
        appliedAtMs,
        requests: requestMetrics.snapshot(),
      }),
  });
  const client = new ConfigClient({
    server: options.configServer,
    gateway: options.gateway,
    apply,
    logger,
    initialBackoffMs: options.reconnect?.initialBackoffMs,
    maxBackoffMs: options.reconnect?.maxBackoffMs,
  });
  client.start();

  return {
    adminPort: admin.port,
    irVersion: () => version,
    listeningPorts: () => listeners.ports(),
    whenVersionApplied(wanted, timeoutMs) {
      if (version !== undefined && version >= wanted) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const wake = (): void => {
          if (version === undefined || version < wanted) return;
          versionWaiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          versionWaiters.delete(wake);
          reject(new VersionWaitTimeoutError(wanted, version, timeoutMs));
        }, timeoutMs);
        versionWaiters.add(wake);
      });
    },
    async close() {
      await client.stop();
      await Promise.all([listeners.closeAll(), udpListeners.closeAll()]);
      await Promise.all([pools.closeAll(), h2cSessions.closeAll(), admin.close()]);
    },
  };
}
