// Test helper: an HTTP server on 127.0.0.1 that answers like the echo backend, as whichever backend the test's
// chooser picks, so probes, split measurement and load can be tested without a gateway.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// The proxy's own seeded generator: the same draws on every run, so split tests are exact.
export { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';

export interface FakeBackend {
  pod: string;
  service?: string;
  namespace?: string;
  /** Answer with this status and a plain-text body instead of an echo body. */
  status?: number;
}

export interface FakeEcho {
  target: { host: string; port: number };
  requests: number;
  close(): Promise<void>;
}

function canonical(name: string): string {
  return name
    .split('-')
    .map((part) => (part === '' ? part : part[0]?.toUpperCase() + part.slice(1)))
    .join('-');
}

function echoBody(request: IncomingMessage, backend: FakeBackend): string {
  const headers: Record<string, string[]> = {};
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = canonical((request.rawHeaders[i] ?? '').toLowerCase());
    headers[name] = [...(headers[name] ?? []), request.rawHeaders[i + 1] ?? ''];
  }
  return JSON.stringify({
    path: request.url,
    host: request.headers.host,
    method: request.method,
    proto: `HTTP/${request.httpVersion}`,
    headers,
    namespace: backend.namespace ?? 'gateway-conformance-infra',
    ingress: '',
    service: backend.service ?? '',
    pod: backend.pod,
  });
}

export interface FakeEchoOptions {
  /** Answer each request this long after it arrived (a slow backend). */
  delayMs?: number;
}

export async function startFakeEcho(choose: (request: IncomingMessage) => FakeBackend, options: FakeEchoOptions = {}): Promise<FakeEcho> {
  const fake = { requests: 0 };
  const server = createServer(async (request, response) => {
    fake.requests += 1;
    const backend = choose(request);
    if (options.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (backend.status !== undefined) {
      response.writeHead(backend.status, { 'content-type': 'text/plain' });
      response.end(`fake status ${backend.status}`);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(echoBody(request, backend));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    target: { host: '127.0.0.1', port },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** Picks pods of the named deployments with the given weights, using `random`. */
export function weightedChooser(weights: Record<string, number>, random: () => number): () => FakeBackend {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let draw = random() * total;
    for (const [name, weight] of entries) {
      draw -= weight;
      if (draw < 0) return { pod: `${name}-5d9f7c6b8-x2x4z`, service: name };
    }
    const [last] = entries.at(-1) ?? ['none'];
    return { pod: `${last}-5d9f7c6b8-x2x4z`, service: last };
  };
}
