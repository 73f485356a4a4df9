// Steady, bounded load on loopback for the hitless tests: a few workers, each on its own keep-alive
// connection, send requests back to back until stopped (or a request cap is hit) and record every answer.
// A failure is anything but a 200 from an echo backend: another status, a reset, a timeout.

import { Agent, request } from 'node:http';

export interface LoadResult {
  sent: number;
  failures: string[];
  /** Answers per echo pod name. */
  byPod: Map<string, number>;
}

export interface SteadyLoad {
  /** Stops sending, waits for the requests in flight and returns what happened. */
  stop(): Promise<LoadResult>;
  /** The pod that answered the latest request. */
  lastPod(): string | undefined;
}

export interface SteadyLoadOptions {
  host: string;
  port: number;
  hostHeader: string;
  workers: number;
  /** Paths the workers cycle through (a `?delay=` keeps requests in flight across changes). */
  paths: string[];
  /** Upper bound on requests, whatever happens. */
  maxRequests: number;
}

function once(agent: Agent, options: SteadyLoadOptions, path: string): Promise<{ status: number; pod?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host: options.host, port: options.port, path, agent, headers: { host: options.hostHeader } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status !== 200) return resolve({ status, error: Buffer.concat(chunks).toString().slice(0, 200) });
        resolve({ status, pod: (JSON.parse(Buffer.concat(chunks).toString()) as { pod: string }).pod });
      });
      res.on('error', (error) => resolve({ status: 0, error: error.message }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (error) => resolve({ status: 0, error: error.message }));
    req.end();
  });
}

export function startSteadyLoad(options: SteadyLoadOptions): SteadyLoad {
  const result: LoadResult = { sent: 0, failures: [], byPod: new Map() };
  let stopped = false;
  let last: string | undefined;
  const workers = Array.from({ length: options.workers }, async (_, w) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = w; !stopped && result.sent < options.maxRequests; i++) {
      result.sent += 1;
      const path = options.paths[i % options.paths.length] as string;
      const answer = await once(agent, options, path);
      if (answer.pod === undefined) result.failures.push(`${path}: ${answer.status} ${answer.error}`);
      else {
        last = answer.pod;
        result.byPod.set(answer.pod, (result.byPod.get(answer.pod) ?? 0) + 1);
      }
    }
    agent.destroy();
  });
  return {
    lastPod: () => last,
    async stop() {
      stopped = true;
      await Promise.all(workers);
      return result;
    },
  };
}
