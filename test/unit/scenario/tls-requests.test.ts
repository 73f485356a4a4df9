// The `tls:` request key: what it sends (SNI, ALPN, CA, client certificate, the exchange), its step name, the
// expectations only it can have (`handshake: fails`, a backend's tls and serverName), and the mistakes the
// loader reports.
import assert from 'node:assert/strict';
import { headedScenario } from './scenario-fixtures.ts';

const header = ['id: one', 'description: a scenario', 'profile: GATEWAY-TLS', 'features: [Gateway, TLSRoute]', 'defaults: { gateway: infra/gw, port: 443, namespace: infra }'];

const { load, issuesOf } = headedScenario(header);

describe('loadScenarios: tls: requests', () => {
  it('reads the handshake, the exchange and the backend account, and names the step by its SNI', async () => {
    const [scenario] = await load([
      'requests:',
      '  - tls:',
      '      serverName: abc.example.com',
      '      ca: { configMap: infra/tls-checks-ca-certificate }',
      '      clientCertificate: { secret: infra/tls-checks-client-certificate }',
      '      exchange: [{ receive: "hello\\n" }, { send: "PING\\n", receive: "PONG\\n" }]',
      '    expect: { tls: { certificate: { dnsNames: [abc.example.com] } }, backend: { name: tcp-backend, tls: true, serverName: abc.example.com } }',
      '  - tls: { serverName: nothing.example.com }',
      '    expect: { handshake: fails }',
    ]);
    const [session, refused] = scenario?.requests ?? [];
    assert.deepEqual(session?.request, {
      protocol: 'tls',
      serverName: 'abc.example.com',
      alpn: [],
      ca: { kind: 'ConfigMap', namespace: 'infra', name: 'tls-checks-ca-certificate' },
      clientCertificate: { namespace: 'infra', name: 'tls-checks-client-certificate' },
      exchange: [{ receive: 'hello\n' }, { send: 'PING\n', receive: 'PONG\n' }],
    });
    assert.equal(session?.name, 'TLS abc.example.com');
    assert.deepEqual(session?.expect.backend, { name: 'tcp-backend', namespace: 'infra', tls: true, serverName: 'abc.example.com' });
    assert.equal(refused?.expect.handshake, 'fails');
  });

  it('refuses what a byte stream cannot have, and tls: expectations on other protocols', async () => {
    const issues = await issuesOf([
      'requests:',
      '  - tls: { serverName: a.example.com, exchange: [{}] }',
      '    expect: { response: { status: 200 }, backend: { path: / } }',
      '  - tls: { serverName: a.example.com }',
      '    expect: { handshake: fails, backend: tcp-backend }',
      '  - http: { path: / }',
      '    expect: { handshake: fails, backend: { tls: true } }',
    ]);
    assert.deepEqual(issues, [
      '7:50 requests[0].tls.exchange[0]: says nothing to do: give send, receive or both',
      '8:15 requests[0].expect.response: is not checked for tls: (a byte stream has no HTTP answer); check the bytes with exchange, the backend with backend',
      '8:53 requests[0].expect.backend.path: is an HTTP request field; a tls: backend reports name, namespace, tls and serverName',
      '10:33 requests[1].expect.backend: cannot hold when the handshake fails: no session, no backend; remove one of them',
      '12:15 requests[2].expect.handshake: is only checked for tls: requests (this one sends http:)',
      "12:44 requests[2].expect.backend.tls: is what a tls: case's TCP echo reports; this one sends http:",
    ]);
  });
});
