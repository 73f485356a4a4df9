import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { AddressBlock } from '../../../src/runtime/address-block.ts';
import { PodPortMapping } from '../../../src/runtime/pod-port-mapping.ts';
import { planServiceListeners } from '../../../src/runtime/service-listeners.ts';
import type { ForwardTarget } from '../../../src/runtime/tcp-forwarder.ts';
import { UdpForwarder } from '../../../src/runtime/udp-forwarder.ts';

/** A UDP server that answers each datagram with its name and the sender's port. */
async function namedServer(name: string): Promise<dgram.Socket> {
  const server = dgram.createSocket('udp4');
  server.on('message', (payload, sender) => server.send(`${name} ${sender.port} ${payload.toString()}`, sender.port, sender.address));
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  return server;
}

/** Sends one datagram from `client` to the forwarder and returns the answer, or 'timeout'. */
function exchange(client: dgram.Socket, port: number, payload: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('message', onMessage);
      resolve('timeout');
    }, timeoutMs);
    const onMessage = (answer: Buffer) => {
      clearTimeout(timer);
      client.off('message', onMessage);
      resolve(answer.toString());
    };
    client.on('message', onMessage);
    client.send(payload, port, '127.0.0.1');
  });
}

describe('UdpForwarder', () => {
  const sockets: dgram.Socket[] = [];
  let forwarder: UdpForwarder | undefined;
  const socket = (): dgram.Socket => {
    const created = dgram.createSocket('udp4');
    sockets.push(created);
    return created;
  };

  afterEach(async () => {
    await forwarder?.close();
    forwarder = undefined;
    for (const created of sockets.splice(0)) created.close();
  });

  it('keeps a client on the backend its first datagram picked, and sends the next client to the next backend', async () => {
    const servers = [await namedServer('a'), await namedServer('b')];
    sockets.push(...servers);
    let turn = 0;
    const pick = (): ForwardTarget => ({ host: '127.0.0.1', port: servers[turn++ % 2]?.address().port ?? 0 });
    forwarder = await UdpForwarder.listen('127.0.0.1', 0, pick);
    const first = socket();
    const answers = [await exchange(first, forwarder.port, 'one'), await exchange(first, forwarder.port, 'two')];
    assert.deepEqual(answers.map((answer) => answer.split(' ')[0]), ['a', 'a']);
    assert.equal(answers[0]?.split(' ')[1], answers[1]?.split(' ')[1], 'one upstream socket per flow');
    assert.match(await exchange(socket(), forwarder.port, 'three'), /^b \d+ three$/);
  });

  it('drops datagrams when there is no backend, and forgets an idle flow', async () => {
    const server = await namedServer('a');
    sockets.push(server);
    let target: ForwardTarget | undefined;
    forwarder = await UdpForwarder.listen('127.0.0.1', 0, () => target, 100);
    const client = socket();
    assert.equal(await exchange(client, forwarder.port, 'nobody', 300), 'timeout');
    target = { host: '127.0.0.1', port: server.address().port };
    const before = await exchange(client, forwarder.port, 'one');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await exchange(client, forwarder.port, 'two');
    assert.notEqual(before.split(' ')[1], after.split(' ')[1], 'a new flow, from a new upstream socket');
  });
});

describe('planServiceListeners', () => {
  it('forwards UDP ports on the LoadBalancer address and their NodePorts, beside TCP ports of the same number', () => {
    const mapping = new PodPortMapping(new AddressBlock('127.10'), 1024);
    const service = {
      metadata: { name: 'gw', namespace: 'ns' },
      spec: {
        type: 'LoadBalancer',
        ports: [
          { name: 'tcp', port: 5300, protocol: 'TCP', nodePort: 30001 },
          { name: 'udp', port: 5300, protocol: 'UDP', nodePort: 30002 },
          { name: 'dns', port: 53, protocol: 'UDP', nodePort: 30003 },
          { name: 'sctp', port: 9, protocol: 'SCTP' },
        ],
      },
    };
    const plan = planServiceListeners(service as never, '127.20.0.1', '127.0.0.10', mapping);
    assert.deepEqual(
      plan.listeners.map((listener) => `${listener.key} ${listener.protocol}`),
      ['127.0.0.10:30001 TCP', '127.20.0.1:5300 TCP', '127.0.0.10:30002/UDP UDP', '127.20.0.1:5300/UDP UDP', '127.0.0.10:30003/UDP UDP'],
    );
    assert.deepEqual(plan.unbound.map((entry) => entry.servicePort.name), ['dns']);
    assert.deepEqual(plan.notForwarded.map((port) => port.name), ['sctp']);
  });
});
