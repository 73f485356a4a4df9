// Polls a route copy through the Gateway until it answers 200, over one keep-alive connection (undici),
// with a short pause between requests so the poll itself does not take the CPU the controller and proxy
// need. 404 is what a route not yet programmed gives; anything else before the 200 is an error of the
// gateway (a route must never answer wrongly while it propagates) and is counted.
import { Client } from 'undici';
import type { HostEndpoint } from '../../../harness/cluster/cluster.ts';

/** Between polls: the delay's resolution. */
export const POLL_PAUSE_MS = 2;

export interface PollOutcome {
  /** performance.now() of the first 200, or undefined when the deadline came first. */
  servedAt?: number;
  polls: number;
  /** Status (or "error") -> count, for answers other than 404 and 200. */
  unexpected: Record<string, number>;
}

export class RoutePoller {
  readonly #client: Client;

  constructor(target: HostEndpoint) {
    this.#client = new Client(`http://${target.host}:${target.port}`, { pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 5000, bodyTimeout: 5000 });
  }

  async #status(hostname: string): Promise<number | 'error'> {
    try {
      const { statusCode, body } = await this.#client.request({ path: '/', method: 'GET', headers: { host: hostname } });
      await body.dump();
      return statusCode;
    } catch {
      return 'error';
    }
  }

  /** Polls until 200 or the deadline (performance.now()). */
  async untilServed(hostname: string, deadline: number): Promise<PollOutcome> {
    const outcome: PollOutcome = { polls: 0, unexpected: {} };
    while (performance.now() < deadline) {
      const status = await this.#status(hostname);
      outcome.polls += 1;
      if (status === 200) {
        outcome.servedAt = performance.now();
        return outcome;
      }
      if (status !== 404) outcome.unexpected[String(status)] = (outcome.unexpected[String(status)] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, POLL_PAUSE_MS));
    }
    return outcome;
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
