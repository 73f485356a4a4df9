import assert from 'node:assert/strict';
import { request } from 'node:http';
import { type RunningConfigServer, startConfigServer } from '../../../reference-impl/controller/config-server/config-server.ts';
import { IrRegistry } from '../../../reference-impl/controller/config-server/ir-registry.ts';
import { type ConfigStreamDelta, type ConfigStreamMessage, configStreamPath, DELTA_STREAM_QUERY, type GatewayIR, IR_SCHEMA_VERSION } from '../../../reference-impl/ir/gateway-ir.ts';

function ir(name: string, port = 80): GatewayIR {
  return { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: 'infra', name }, listeners: [{ port, protocol: 'HTTP', virtualHosts: [] }] };
}

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
}

/** Opens a stream and collects messages until `count` arrived (bounded by a timeout). */
function openStream(port: number, path: string) {
  const messages: ConfigStreamMessage[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const req = request({ host: '127.0.0.1', port, path });
  req.on('response', (response) => {
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        messages.push(JSON.parse(buffer.slice(0, newline)) as ConfigStreamMessage);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
      for (const waiter of waiters.filter((entry) => messages.length >= entry.count)) waiter.resolve();
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    messages,
    until: (count: number) =>
      new Promise<void>((resolve, reject) => {
        if (messages.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${messages.length} of ${count} messages arrived`)), 2000);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    close: () => req.destroy(),
  };
}

describe('config server', () => {
  let server: RunningConfigServer | undefined;
  let ready = false;
  const registry = new IrRegistry();

  before(async () => {
    server = await startConfigServer({ host: '127.0.0.1', port: 0, registry, isReady: () => ready });
  });
  after(async () => {
    await server?.close();
  });

  it('answers /healthz at once and /readyz only after the first sync', async () => {
    const port = server?.port ?? 0;
    assert.equal((await get(port, '/healthz')).status, 200);
    assert.equal((await get(port, '/readyz')).status, 503);
    ready = true;
    assert.equal((await get(port, '/readyz')).status, 200);
    assert.equal((await get(port, '/nope')).status, 404);
  });

  it('streams the current IR at once, then each change with a higher version, then null on deletion', async () => {
    registry.update(new Map([['infra/gw', ir('gw')]]));
    const stream = openStream(server?.port ?? 0, configStreamPath('infra', 'gw'));
    await stream.until(1);
    assert.deepEqual(stream.messages[0]?.ir, ir('gw'));

    registry.update(new Map([['infra/gw', ir('gw')]]));
    registry.update(new Map([['infra/gw', ir('gw', 8080)], ['infra/other', ir('other')]]));
    registry.update(new Map());
    await stream.until(3);
    stream.close();
    assert.equal(stream.messages.length, 3, 'an unchanged IR is not sent again; other Gateways are not sent');
    assert.equal(stream.messages[1]?.ir?.listeners[0]?.port, 8080);
    assert.equal(stream.messages[2]?.ir, null);
    const versions = stream.messages.map((message) => message.version);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions);
    assert.equal(new Set(versions).size, versions.length);
  });

  it('starts a stream of an unknown Gateway with a null IR and sends it once it appears', async () => {
    const stream = openStream(server?.port ?? 0, configStreamPath('infra', 'later'));
    await stream.until(1);
    assert.equal(stream.messages[0]?.ir, null);
    registry.update(new Map([['infra/later', ir('later')]]));
    await stream.until(2);
    stream.close();
    assert.equal(stream.messages[1]?.ir?.gateway.name, 'later');
    assert.ok((stream.messages[1]?.version ?? 0) > (stream.messages[0]?.version ?? 0));
  });

  it('sends a stream that asked for deltas the whole IR first, then only what changed; other streams the whole IR each time', async () => {
    const host = (hostname: string) => ({ hostname, rules: [] });
    const withHosts = (hostnames: string[]) => ({ ...ir('deltas'), listeners: [{ port: 80, protocol: 'HTTP' as const, virtualHosts: hostnames.map(host) }] });
    registry.update(new Map([['infra/deltas', withHosts(['a.example.com', 'b.example.com'])]]));
    const deltas = openStream(server?.port ?? 0, `${configStreamPath('infra', 'deltas')}?${DELTA_STREAM_QUERY}`);
    const whole = openStream(server?.port ?? 0, configStreamPath('infra', 'deltas'));
    await Promise.all([deltas.until(1), whole.until(1)]);
    registry.update(new Map([['infra/deltas', withHosts(['a.example.com', 'c.example.com'])]]));
    await Promise.all([deltas.until(2), whole.until(2)]);
    deltas.close();
    whole.close();
    assert.deepEqual(deltas.messages[0]?.ir, withHosts(['a.example.com', 'b.example.com']));
    const delta = deltas.messages[1] as unknown as ConfigStreamDelta;
    assert.equal(delta.baseVersion, deltas.messages[0]?.version);
    assert.deepEqual(delta.hosts, [{ port: 80, changed: [host('c.example.com')], removed: ['b.example.com'] }]);
    assert.deepEqual(whole.messages[1]?.ir, withHosts(['a.example.com', 'c.example.com']));
    assert.equal(whole.messages[1]?.version, delta.version);
  });

  it('forgets a stream once its client goes away', async () => {
    const stream = openStream(server?.port ?? 0, configStreamPath('infra', 'gone'));
    await stream.until(1);
    assert.equal(registry.subscriberCount('infra/gone'), 1);
    stream.close();
    for (let attempt = 0; attempt < 50 && registry.subscriberCount('infra/gone') > 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(registry.subscriberCount('infra/gone'), 0);
  });
});
