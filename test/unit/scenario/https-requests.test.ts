// The `https:` request key: what it sends (SNI, ALPN, the CA's Secret or ConfigMap), its defaults and step
// name, the `tls` expectation it alone can have, and the mistakes the loader reports.
import assert from 'node:assert/strict';
import { headedScenario } from './scenario-fixtures.ts';

const header = ['id: one', 'description: a scenario', 'profile: GATEWAY-HTTP', 'features: [Gateway, HTTPRoute]', 'defaults: { gateway: infra/gw, port: 443, namespace: infra }'];

const { load, issuesOf } = headedScenario(header);

describe('loadScenarios: https: requests', () => {
  it('reads SNI, ALPN and a CA Secret, with HTTP/1.1 as the default ALPN and no SNI of its own by default', async () => {
    const [scenario] = await load([
      'requests:',
      '  - https: { host: example.org, path: /, ca: { secret: infra/tls-validity-checks-certificate } }',
      '    expect: { backend: infra-backend-v1 }',
      '  - https: { host: second-example.org, serverName: example.org, alpn: [h2], path: /x, ca: { configMap: { namespace: infra, name: ca }, key: root.pem } }',
      '    expect: { response: { status: 421 }, tls: { alpn: h2 } }',
    ]);
    const [plain, misdirected] = scenario?.requests ?? [];
    assert.deepEqual(plain?.request, {
      protocol: 'https',
      host: 'example.org',
      path: '/',
      method: 'GET',
      alpn: ['http/1.1'],
      ca: { kind: 'Secret', namespace: 'infra', name: 'tls-validity-checks-certificate' },
    });
    assert.equal(plain?.name, 'GET https://example.org/');
    assert.equal(plain?.port, 443);
    assert.deepEqual(misdirected?.request, {
      protocol: 'https',
      host: 'second-example.org',
      path: '/x',
      method: 'GET',
      serverName: 'example.org',
      alpn: ['h2'],
      ca: { kind: 'ConfigMap', namespace: 'infra', name: 'ca', key: 'root.pem' },
    });
    assert.deepEqual(misdirected?.expect.tls, { alpn: 'h2' });
    assert.deepEqual(misdirected?.expect.response.statuses, [421]);
    assert.equal(misdirected?.name, 'GET https://second-example.org/x (SNI example.org, ALPN h2)');
  });

  it('wants exactly one of secret and configMap under ca', async () => {
    const issues = await issuesOf(['requests:', '  - https: { path: /, ca: { secret: infra/a, configMap: infra/b } }', '  - https: { path: /, ca: { key: ca.crt } }']);
    assert.deepEqual(issues, [
      '7:27 requests[0].https.ca: needs exactly one of secret or configMap: the object holding the CA certificate',
      '8:27 requests[1].https.ca: needs exactly one of secret or configMap: the object holding the CA certificate',
    ]);
  });

  it('refuses an unknown ALPN protocol, an unknown field under ca, and tls beside another protocol', async () => {
    const issues = await issuesOf([
      'requests:',
      '  - https: { path: /, alpn: [spdy] }',
      '  - https: { path: /, ca: { service: infra/x } }',
      '  - http: { path: / }',
      '    expect: { tls: { alpn: h2 } }',
    ]);
    assert.deepEqual(issues, [
      '7:30 requests[0].https.alpn[0]: must be h2 or http/1.1, got string "spdy"',
      '8:29 requests[1].https.ca.service: unknown field; expected one of: secret, configMap, key',
      '10:15 requests[2].expect.tls: is only checked for https: and tls: requests (this one sends http:)',
    ]);
  });
});
