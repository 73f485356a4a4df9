// Subscribes to the controller's config stream for one Gateway and hands each new IR to `apply`, in
// order, one at a time. Reconnects with capped exponential backoff for as long as it runs.

import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { type ConfigStreamDelta, type ConfigStreamMessage, configStreamPath, DELTA_STREAM_QUERY, type GatewayIR } from '../../ir/gateway-ir.ts';
import { applyIrDelta } from '../../ir/ir-delta.ts';
import { Backoff } from '../../net/backoff.ts';
import { NdjsonLineSplitter } from './ndjson-lines.ts';
import { parseConfigLine } from './validate-ir.ts';

export interface ConfigClientOptions {
  /** `host:port` of the config server. */
  server: string;
  gateway: { namespace: string; name: string };
  /** Applies one IR; the client waits for it before reading the next message. */
  apply: (ir: GatewayIR, version: number) => Promise<void>;
  logger: Logger;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

const MAX_LINE = 64 * 1024 * 1024;

export class ConfigClient {
  readonly #options: ConfigClientOptions;
  readonly #backoff: Backoff;
  /** The last message taken from the stream, with its IR (a delta's applied): what the next delta must be based on. */
  #held: ConfigStreamMessage | undefined;
  /** Connections given up because a delta did not fit: their remaining lines are skipped. */
  readonly #abandoned = new WeakSet<ClientRequest>();
  #stopped = false;
  #request: ClientRequest | undefined;
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(options: ConfigClientOptions) {
    this.#options = options;
    this.#backoff = new Backoff(options.initialBackoffMs ?? 100, options.maxBackoffMs ?? 5000);
  }

  start(): void {
    this.#stopped = false;
    this.#connect();
  }

  /** Stops reading and reconnecting; waits for an apply in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#request?.destroy();
    await this.#chain;
  }

  #connect(): void {
    if (this.#stopped) return;
    const { server, gateway, logger } = this.#options;
    // Changes as deltas after the first whole IR: with 1,000 routes a whole IR is ~0.5 MB to parse per change.
    const url = `http://${server}${configStreamPath(gateway.namespace, gateway.name)}?${DELTA_STREAM_QUERY}`;
    let firstOnConnection = true;
    const req = httpRequest(url, { agent: false, headers: { accept: 'application/x-ndjson' } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) {
        logger.warn({ url, status: res.statusCode }, 'config server answered with an error status; retrying');
        res.resume();
        res.once('end', () => this.#reconnectLater(req));
        return;
      }
      const splitter = new NdjsonLineSplitter(MAX_LINE);
      res.on('data', (chunk: Buffer) => {
        let lines: string[];
        try {
          lines = splitter.push(chunk);
        } catch (error) {
          logger.error({ err: error, url }, 'config stream broken; reconnecting');
          req.destroy();
          return;
        }
        for (const line of lines) {
          const first = firstOnConnection;
          firstOnConnection = false;
          this.#chain = this.#chain.then(() => this.#handleLine(line, first, req));
        }
      });
      res.once('close', () => this.#reconnectLater(req));
    });
    req.once('socket', (socket) => socket.setKeepAlive(true, 10_000));
    req.on('error', (error) => {
      logger.warn({ url, err: error }, 'config server unreachable; retrying');
      this.#reconnectLater(req);
    });
    req.end();
    this.#request = req;
  }

  #reconnectLater(req: ClientRequest): void {
    // Both 'error' and 'close' may report the same connection; only the current one reconnects once.
    if (this.#stopped || this.#request !== req) return;
    this.#request = undefined;
    this.#timer = setTimeout(() => this.#connect(), this.#backoff.next() * (0.75 + Math.random() * 0.5));
  }

  async #handleLine(line: string, firstOnConnection: boolean, req: ClientRequest): Promise<void> {
    if (this.#stopped || this.#abandoned.has(req)) return;
    const { logger } = this.#options;
    let message: ConfigStreamMessage | ConfigStreamDelta;
    try {
      message = parseConfigLine(line);
    } catch (error) {
      // The error object keeps its code (PROXY_IR_SCHEMA_VERSION, PROXY_IR_INVALID, or a JSON SyntaxError).
      logger.error({ err: error }, 'config message refused; keeping the current IR');
      return;
    }
    this.#backoff.reset();
    const last = this.#held?.version;
    if (last !== undefined && message.version <= last) {
      // Versions only increase within one server process: a lower version as the first message of a
      // new connection means the controller restarted, so its state is the truth from now on.
      const restarted = firstOnConnection && message.version < last;
      if (!restarted) return;
      logger.warn({ version: message.version, previous: last }, 'config server restarted (version went back); following it');
    }
    const ir = 'baseVersion' in message ? this.#applyDelta(message, req) : message.ir;
    if (ir === undefined) return;
    this.#held = { version: message.version, ir };
    if (ir === null) {
      logger.info({ version: message.version }, 'gateway not programmed; keeping the current IR');
      return;
    }
    try {
      await this.#options.apply(ir, message.version);
      logger.info({ version: message.version }, 'applied IR version');
    } catch (error) {
      logger.error({ err: error, version: message.version }, 'applying IR failed; keeping the current IR');
    }
  }

  /** The IR a delta makes of the one held; undefined (and a new connection, which starts with the whole IR) when it is not based on that. */
  #applyDelta(delta: ConfigStreamDelta, req: ClientRequest): GatewayIR | undefined {
    const held = this.#held;
    if (held?.ir && held.version === delta.baseVersion) return applyIrDelta(held.ir, delta);
    this.#options.logger.warn({ version: delta.version, baseVersion: delta.baseVersion, held: held?.version ?? null }, 'config delta is not based on the IR held; reconnecting for the whole IR');
    // The lines this connection still has queued would not apply either.
    this.#abandoned.add(req);
    req.destroy();
    return undefined;
  }

}
