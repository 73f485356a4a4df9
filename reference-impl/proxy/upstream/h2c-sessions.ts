// HTTP/2 sessions without TLS (h2c, prior knowledge) to backends whose Service port says
// `kubernetes.io/h2c`: one session per endpoint, shared by every request to it (each request is a
// stream), replaced once it closes, errs or is told to go away, and closed when its endpoint leaves
// the IR or stays idle past the keep-alive timeout.

import { type ClientHttp2Session, connect } from 'node:http2';
import { endpointKey } from './upstream-pools.ts';

export interface H2cSessionOptions {
  connectTimeoutMs: number;
  /** An idle session is closed after this long. */
  keepAliveTimeoutMs: number;
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

  /** A usable session to the endpoint: the open one, or a new one (connecting in the background). */
  get(endpoint: { address: string; port: number }): ClientHttp2Session {
    const key = endpointKey(endpoint.address, endpoint.port);
    const current = this.#sessions.get(key);
    if (current !== undefined && !current.closed && !current.destroyed) return current;
    const session = connect(`http://${key}`);
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
