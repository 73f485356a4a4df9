import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { AUTHORITATIVE_ANSWER, type DecodedPacket, decode, encode, RECURSION_DESIRED } from 'dns-packet';
import { parseCorefile } from '../../../reference-impl/dns-responder/corefile.ts';
import { type DnsResponder, type QueryLogEntry, startDnsResponder } from '../../../reference-impl/dns-responder/dns-responder.ts';
import { zonesFrom } from '../../../reference-impl/dns-responder/dns-zones.ts';

/** Sends one datagram from a fresh socket; resolves with the answer and the port it was sent from. */
async function exchange(port: number, payload: Buffer): Promise<{ answer: Buffer; clientPort: number }> {
  const client = createSocket('udp4');
  try {
    await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
    const reply = once(client, 'message') as Promise<[Buffer]>;
    client.send(payload, port, '127.0.0.1');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no DNS answer within 2 s')), 2000).unref());
    const [answer] = await Promise.race([reply, timeout]);
    return { answer, clientPort: client.address().port };
  } finally {
    client.close();
  }
}

function query(name: string, id: number): Buffer {
  return encode({ type: 'query', id, flags: RECURSION_DESIRED, questions: [{ type: 'A', name, class: 'IN' }] });
}

describe('DNS responder over UDP', () => {
  let responder: DnsResponder;
  let port: number;
  const logged: QueryLogEntry[] = [];
  before(async () => {
    const corefile = '.:0 {\n  forward . 192.0.2.53\n}\nfoo.bar.com:0 {\n  whoami\n  log\n}\n';
    responder = await startDnsResponder({ host: '127.0.0.1', zones: zonesFrom(parseCorefile(corefile, 'C'), 'C', 53), onQuery: (entry) => logged.push(entry) });
    port = responder.ports.get(0) ?? 0;
    assert.ok(port > 0);
  });
  after(() => responder.close());

  it('answers a whoami zone with the client’s address and port, authoritatively', async () => {
    const { answer, clientPort } = await exchange(port, query('foo.bar.com', 4242));
    const packet: DecodedPacket & { rcode?: string } = decode(answer);
    assert.equal(packet.type, 'response');
    assert.equal(packet.id, 4242);
    assert.equal(packet.rcode, 'NOERROR');
    assert.equal(packet.flag_aa, true);
    assert.equal(packet.flag_rd, true, 'RD is copied from the query');
    assert.deepEqual(packet.questions, [{ type: 'A', name: 'foo.bar.com', class: 'IN' }]);
    assert.deepEqual(packet.answers, []);
    const [address, srv] = (packet.additionals ?? []) as { type: string; name: string; data?: unknown }[];
    assert.deepEqual([address?.type, address?.name, address?.data], ['A', 'foo.bar.com', '127.0.0.1']);
    assert.equal(srv?.type, 'SRV');
    assert.equal(srv?.name, '_udp.foo.bar.com');
    assert.deepEqual(srv?.data, { priority: 0, weight: 0, port: clientPort, target: '.' });
    assert.deepEqual(logged.at(-1), { client: `127.0.0.1:${clientPort}`, id: 4242, name: 'foo.bar.com', type: 'A', rcode: 'NOERROR', zone: 'foo.bar.com.' });
  });

  it('answers SERVFAIL where coredns would forward, without sending anything off the machine', async () => {
    const packet = decode((await exchange(port, query('example.com', 7))).answer) as DecodedPacket & { rcode?: string };
    assert.deepEqual([packet.id, packet.rcode, packet.flag_aa], [7, 'SERVFAIL', false]);
  });

  it('answers FORMERR to bytes that are not a DNS query but carry a header', async () => {
    const garbage = Buffer.concat([Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x05]), Buffer.alloc(10, 0xff)]);
    const answer = (await exchange(port, garbage)).answer;
    assert.equal(answer.readUInt16BE(0), 0x1234);
    assert.equal(answer.readUInt16BE(2) & 0x800f, 0x8001, 'QR set, RCODE 1');
  });

  it('refuses names no zone serves', async () => {
    const only = await startDnsResponder({ host: '127.0.0.1', zones: zonesFrom(parseCorefile('foo.bar.com:0 { whoami }', 'C'), 'C', 53) });
    try {
      const packet = decode((await exchange(only.ports.get(0) ?? 0, query('other.org', 9))).answer) as DecodedPacket & { rcode?: string };
      assert.equal(packet.rcode, 'REFUSED');
      assert.equal((packet.flags ?? 0) & AUTHORITATIVE_ANSWER, 0);
    } finally {
      await only.close();
    }
  });
});
