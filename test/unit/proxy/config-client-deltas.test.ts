// The proxy's side of the config stream's deltas: it asks for them, applies each to the IR it holds, and when one
// is not based on that IR it drops the connection and starts over from the whole IR a new one begins with.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { DELTA_STREAM_QUERY, type GatewayIR, IR_SCHEMA_VERSION, type VirtualHostIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { frameOf } from '../../../reference-impl/ir/ir-delta.ts';
import { ConfigClient } from '../../../reference-impl/proxy/config/config-client.ts';

const host = (hostname: string): VirtualHostIR => ({ hostname, rules: [] });
const ir = (hostnames: string[]): GatewayIR => ({ schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: 'infra', name: 'gw' }, listeners: [{ port: 80, protocol: 'HTTP', virtualHosts: hostnames.map(host) }] });
const line = (message: unknown) => `${JSON.stringify(message)}\n`;

/** A config server answering each connection with the next script's lines, keeping the stream open. */
async function scriptedServer(scripts: string[][]): Promise<{ server: Server; port: number; urls: string[] }> {
  const urls: string[] = [];
  const server = createServer((request, response) => {
    urls.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    for (const text of scripts.shift() ?? []) response.write(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, urls };
}

async function applied(count: number, seen: { version: number; hosts: string[] }[]): Promise<void> {
  for (let attempt = 0; attempt < 200 && seen.length < count; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(seen.length >= count, `only ${seen.length} of ${count} IRs were applied`);
}

describe('proxy config client: deltas', () => {
  it('asks for deltas and applies each to the IR it holds', async () => {
    const first = ir(['a.example.com', 'b.example.com']);
    const next = ir(['a.example.com', 'c.example.com']);
    const { server, port, urls } = await scriptedServer([[line({ version: 3, ir: first }), line({ version: 5, baseVersion: 3, frame: frameOf(next), hosts: [{ port: 80, changed: [host('c.example.com')], removed: ['b.example.com'] }] })]]);
    const seen: { version: number; hosts: string[] }[] = [];
    const client = new ConfigClient({ server: `127.0.0.1:${port}`, gateway: { namespace: 'infra', name: 'gw' }, logger: pino({ level: 'silent' }), apply: async (applyIr, version) => void seen.push({ version, hosts: applyIr.listeners[0]?.virtualHosts.map((entry) => entry.hostname) ?? [] }) });
    client.start();
    try {
      await applied(2, seen);
      assert.deepEqual(seen, [
        { version: 3, hosts: ['a.example.com', 'b.example.com'] },
        { version: 5, hosts: ['a.example.com', 'c.example.com'] },
      ]);
      assert.ok(urls[0]?.endsWith(`?${DELTA_STREAM_QUERY}`), urls[0]);
    } finally {
      await client.stop();
      server.closeAllConnections();
      server.close();
    }
  });

  it('drops a connection whose delta is not based on the IR it holds, and takes the whole IR the next one starts with', async () => {
    const first = ir(['a.example.com']);
    const later = ir(['a.example.com', 'z.example.com']);
    const orphan = { version: 9, baseVersion: 7, frame: frameOf(later), hosts: [{ port: 80, changed: [host('z.example.com')], removed: [] }] };
    const { server, port, urls } = await scriptedServer([[line({ version: 3, ir: first }), line(orphan), line({ version: 10, baseVersion: 9, frame: frameOf(later), hosts: [] })], [line({ version: 11, ir: later })]]);
    const seen: { version: number; hosts: string[] }[] = [];
    const client = new ConfigClient({
      server: `127.0.0.1:${port}`,
      gateway: { namespace: 'infra', name: 'gw' },
      logger: pino({ level: 'silent' }),
      initialBackoffMs: 10,
      apply: async (applyIr, version) => void seen.push({ version, hosts: applyIr.listeners[0]?.virtualHosts.map((entry) => entry.hostname) ?? [] }),
    });
    client.start();
    try {
      await applied(2, seen);
      assert.deepEqual(seen, [
        { version: 3, hosts: ['a.example.com'] },
        { version: 11, hosts: ['a.example.com', 'z.example.com'] },
      ]);
      assert.equal(urls.length, 2, 'one reconnection');
    } finally {
      await client.stop();
      server.closeAllConnections();
      server.close();
    }
  });
});
