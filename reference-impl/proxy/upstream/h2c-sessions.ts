// HTTP/2 sessions to backends: without TLS (h2c, prior knowledge) to those whose Service port says
// `kubernetes.io/h2c`, over TLS (ALPN h2, backend-tls-connector.ts) to a GRPCRoute's backends under a
// BackendTLSPolicy. One session per endpoint and TLS settings, shared by every request to it (each request is a
// stream), replaced once it closes, errs or is told to go away, and closed when its endpoint leaves the IR or
// stays idle past the keep-alive timeout.

import { type ClientHttp2Session, connect } from 'node:http2';
import type { BackendTlsIR, TlsCertificateIR } from '../../ir/gateway-ir.ts';
import { backendTlsKey } from './backend-tls.ts';
import { connectBackendTls } from './backend-tls-connector.ts';
import { endpointKey } from './upstream-pools.ts';

export interface H2cSessionOptions {
  connectTimeoutMs: number;
  /** An idle session is closed after this long. */
  keepAliveTimeoutMs: number;
  /** The Gateway's client certificate for backends, presented on TLS sessions (the IR's, as it changes). */
  clientCertificate?: () => TlsCertificateIR | undefined;
}

export class H2cConnectTimeoutError extends Error {
  readonly code = 'PROXY_H2C_CONNECT_TIMEOUT';
  constructor(endpoint: string, timeoutMs: number) {
    super(`h2c connection to ${endpoint} not established within ${timeoutMs} ms`);
    this.name = 'H2cConnectTimeoutError';
  }
}

export class H2cSessions {
  readonly #sessions = new Map<string, ClientHttp2Session>();
  readonly #options: H2cSessionOptions;

  constructor(options: H2cSessionOptions) {
    this.#options = options;
  }

  /** A usable session to the endpoint (over TLS with `tls`): the open one, or a new one (connecting in the background). */
  get(endpoint: { address: string; port: number }, tls?: BackendTlsIR): ClientHttp2Session {
    const authority = endpointKey(endpoint.address, endpoint.port);
    const settings = tls === undefined ? undefined : { tls, clientCertificate: this.#options.clientCertificate?.() };
    // Keyed as UpstreamPools keys its pools, so one set of keys tells both which endpoints are still wanted.
    const key = settings === undefined ? authority : `${authority}|tls:${backendTlsKey(settings)}`;
    const current = this.#sessions.get(key);
    if (current !== undefined && !current.closed && !current.destroyed) return current;
    const session =
      settings === undefined
        ? connect(`http://${authority}`)
        : connect(`https://${authority}`, { createConnection: () => connectBackendTls(endpoint, authority, settings, ['h2'], (error) => session.destroy(error)) });
    this.#sessions.set(key, session);
    const forget = (): void => {
      if (this.#sessions.get(key) === session) this.#sessions.delete(key);
    };
    // Errors reach the streams that were waiting on the session; the session itself is just dropped.
    session.on('error', forget);
    session.on('close', forget);
    session.on('goaway', forget);
    const connectTimer = setTimeout(() => session.destroy(new H2cConnectTimeoutError(key, this.#options.connectTimeoutMs)), this.#options.connectTimeoutMs);
    session.once('connect', () => clearTimeout(connectTimer));
    session.once('close', () => clearTimeout(connectTimer));
    session.setTimeout(this.#options.keepAliveTimeoutMs, () => session.close());
    // An idle pooled session must not keep the process alive on shutdown.
    session.unref();
    return session;
  }

  /** Closes sessions of endpoints not in `keep` (keys from endpointKey); open streams finish first. */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const [key, session] of this.#sessions) {
      if (keep.has(key)) continue;
      this.#sessions.delete(key);
      session.close();
    }
  }

  async closeAll(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map((session) => new Promise<void>((resolve) => (session.closed ? resolve() : session.close(() => resolve())))));
  }
}
