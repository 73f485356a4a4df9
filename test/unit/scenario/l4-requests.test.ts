// The `tcp:` and `udp:` request keys and splits: what they send (the exchange, a datagram's text or a DNS query),
// their step names, what they may expect (a backend's name and namespace, a DNS answer's rcode), splits of TCP
// connections and UDP flows, and the mistakes the loader reports.
import assert from 'node:assert/strict';
import { headedScenario } from './scenario-fixtures.ts';

const header = ['id: one', 'description: a scenario', 'profile: GATEWAY-TCP', 'features: [Gateway, TCPRoute]', 'defaults: { gateway: infra/gw, port: 9300, namespace: infra }'];

const { load, issuesOf } = headedScenario(header);

describe('loadScenarios: tcp: and udp: requests', () => {
  it('reads connections, datagrams and DNS queries with their defaults, names their steps, and qualifies backends', async () => {
    const [scenario] = await load([
      'requests:',
      '  - tcp: { exchange: [{ send: "PING\\n", receive: "PONG\\n" }] }',
      '    expect: { backend: tcp-echo }',
      '  - udp: {}',
      '    port: 5300',
      '    expect: { backend: { name: udp-echo, namespace: other } }',
      '  - udp: { dnsQuery: { name: foo.bar.com } }',
      '    port: 5300',
    ]);
    const [tcp, udp, dns] = scenario?.requests ?? [];
    assert.deepEqual(tcp?.request, { protocol: 'tcp', exchange: [{ send: 'PING\n', receive: 'PONG\n' }] });
    assert.equal(tcp?.name, 'TCP connection');
    assert.deepEqual(tcp?.expect.backend, { name: 'tcp-echo', namespace: 'infra' });
    assert.deepEqual(udp?.request, { protocol: 'udp', send: 'gauntlet udp probe\n' });
    assert.equal(udp?.name, 'UDP datagram "gauntlet udp probe\\n"');
    assert.deepEqual([udp?.port, udp?.expect.backend], [5300, { name: 'udp-echo', namespace: 'other' }]);
    assert.deepEqual(dns?.request, { protocol: 'udp', dnsQuery: { name: 'foo.bar.com', type: 'A' } });
    assert.deepEqual(dns?.expect.dns, { rcode: 'NOERROR' }, 'a DNS query expects NOERROR unless told otherwise');
  });

  it('reads splits of TCP connections and UDP flows', async () => {
    const [scenario] = await load(['splits:', '  - tcp: {}', '    weights: { a: 70, b: 30 }', '  - udp: { send: "hi" }', '    port: 5300', '    weights: { a: 1, b: 0 }', '    samples: 100']);
    const [tcp, udp] = scenario?.splits ?? [];
    assert.deepEqual([tcp?.probe, tcp?.name], [{ protocol: 'tcp' }, 'split of TCP connections']);
    assert.deepEqual([udp?.probe, udp?.name, udp?.samples], [{ protocol: 'udp', send: 'hi' }, 'split of UDP flows', 100]);
  });

  it('refuses what a TCP connection or a UDP datagram cannot show, and dns: anywhere but a udp: dnsQuery', async () => {
    const issues = await issuesOf([
      'requests:',
      '  - tcp: { exchange: [{}] }',
      '    expect: { response: { status: 200 }, backend: { name: a, path: / } }',
      '  - udp: { send: hi, dnsQuery: { name: foo.bar.com } }',
      '    expect: { backend: a }',
      '  - udp: {}',
      '    expect: { dns: { rcode: NOERROR }, tls: { alpn: h2 } }',
      'splits:',
      '  - tcp: { exchange: [{ send: "x" }] }',
      '    http: { path: / }',
      '    weights: { a: 1 }',
      '  - udp: { dnsQuery: { name: foo.bar.com } }',
      '    weights: { a: 1 }',
      '    received: { a: { path: / } }',
    ]);
    assert.deepEqual(issues, [
      '7:23 requests[0].tcp.exchange[0]: says nothing to do: give send, receive or both',
      '8:15 requests[0].expect.response: is not checked for tcp: (no HTTP answer, no TLS); check the backend with backend',
      '8:62 requests[0].expect.backend.path: is not reported by the TCP echo; a tcp: backend is name and namespace',
      '9:12 requests[1].udp.send: cannot be sent with dnsQuery: a datagram is either text for the UDP echo or a DNS query; remove one of them',
      '10:15 requests[1].expect.backend: cannot be told from a DNS answer; remove it, or send text to a UDP echo instead of dnsQuery',
      '12:15 requests[2].expect.dns: is only checked for a udp: dnsQuery',
      '12:40 requests[2].expect.tls: is not checked for udp: (no HTTP answer, no TLS); check the backend with backend',
      '14:5 splits[0].tcp: one protocol per split: this one already sends http',
      "17:12 splits[1].udp.dnsQuery: cannot tell backends apart: a split counts the UDP echo's accounts; send text",
      '19:5 splits[1].received: is what an HTTP backend received; a tcp:, udp: or grpc: split checks the backends only',
    ]);
  });
});
