// A minimal config server for proxy tests: real HTTP, NDJSON, sends the current message on connect
// and every published one afterwards, like the controller's.

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ConfigStreamMessage, configStreamPath } from '../../../reference-impl/ir/gateway-ir.ts';

export interface TestConfigServer {
  address: string;
  /** Sends a message (or any raw line) to every subscriber and to future ones. */
  publish(message: ConfigStreamMessage | string): void;
  /** Cuts every open stream (subscribers are expected to reconnect). */
  dropConnections(): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startTestConfigServer(host: string, namespace: string, name: string): Promise<TestConfigServer> {
  const path = configStreamPath(namespace, name);
  const subscribers = new Set<ServerResponse>();
  let current: string | undefined;
  let connectionCount = 0;
  const server = createServer((req, res) => {
    // The query (a proxy asking for deltas) is not this server's business: it always sends whole IRs.
    if ((req.url ?? '').split('?')[0] !== path) {
      res.writeHead(404).end();
      return;
    }
    connectionCount += 1;
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    res.flushHeaders();
    if (current !== undefined) res.write(current);
    subscribers.add(res);
    res.on('close', () => subscribers.delete(res));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `${host}:${port}`,
    publish(message) {
      current = `${typeof message === 'string' ? message : JSON.stringify(message)}\n`;
      for (const res of subscribers) res.write(current);
    },
    dropConnections() {
      for (const res of subscribers) res.destroy();
      subscribers.clear();
    },
    connections: () => connectionCount,
    close: () =>
      new Promise((resolve) => {
        for (const res of subscribers) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
