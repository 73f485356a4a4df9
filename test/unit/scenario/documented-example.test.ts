import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { writeTree } from './scenario-fixtures.ts';

const route = (name: string, sectionName?: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}, namespace: gateway-conformance-infra }
spec:
  parentRefs: [{ name: same-namespace${sectionName ? `, sectionName: ${sectionName}` : ''} }]
`;

describe('docs/scenarios.md', () => {
  it('documents a scenario.yaml that the loader accepts field for field', async () => {
    const doc = await readFile('docs/scenarios.md', 'utf8');
    const example = doc.match(/```yaml\n(# yaml-language-server[^\n]*\nid: httproute-header-matching[\s\S]*?)```/)?.[1];
    assert.ok(example, 'the field-by-field example is missing from docs/scenarios.md');
    const root = await writeTree({
      'conformance/httproute-header-matching/scenario.yaml': example,
      'conformance/httproute-header-matching/manifests.yaml': `${route('header-matching')}---\n${route('header-matching-v2')}`,
      'conformance/httproute-header-matching/header-matching-v2.yaml': route('header-matching', 'http'),
    });
    const [scenario] = await loadScenarios(root);
    assert.ok(scenario);
    assert.equal(scenario.channel, 'standard');
    assert.equal(scenario.manifests.length, 3);
    assert.deepEqual(scenario.await[0]?.parents, [
      {
        parent: { namespace: 'gateway-conformance-infra', name: 'same-namespace' },
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
        ],
      },
    ]);
    const [full, short, redirect, mirror, percent, timeout, https, websocket, h2c, tls, refused] = scenario.requests;
    assert.deepEqual(full?.request, { protocol: 'http', method: 'GET', host: 'headers.example.com', path: '/?lang=en', headers: { version: 'one' }, body: 'hello', uniqueQueryParam: 'uuid' });
    assert.deepEqual(full?.expect.response, { statuses: [200], headers: { 'content-type': ['application/json'], allow: [{ list: ['GET', 'HEAD'] }], 'cache-control': ['no-store', 'no-cache'] }, absentHeaders: ['x-powered-by'] });
    assert.deepEqual(full?.expect.backend?.absentHeaders, ['x-debug']);
    assert.equal(full?.expect.backend?.proto, 'HTTP/1.1');
    assert.equal(full?.expect.timing?.withinMs, 2000);
    assert.deepEqual(short?.expect.backend, { name: 'infra-backend-v2', namespace: 'gateway-conformance-infra' });
    assert.deepEqual(short?.gateway, { namespace: 'gateway-conformance-infra', name: 'same-namespace' });
    assert.deepEqual(redirect?.expect.redirect, { scheme: 'https', host: 'example.org', port: 8443, path: '/new' });
    assert.deepEqual(mirror?.expect.mirroredTo, [{ backend: 'infra-backend-v2', namespace: 'gateway-conformance-infra' }]);
    assert.equal(percent?.samples, 1000);
    assert.deepEqual(timeout?.expect.timing, { notBeforeMs: 500, withinMs: 2000 });
    assert.deepEqual(https?.request, {
      protocol: 'https',
      method: 'GET',
      host: 'second-example.org',
      path: '/',
      serverName: 'example.org',
      alpn: ['h2', 'http/1.1'],
      ca: { kind: 'Secret', namespace: 'gateway-conformance-infra', name: 'tls-validity-checks-certificate', key: 'tls.crt' },
    });
    assert.deepEqual([https?.port, https?.expect.response.statuses, https?.expect.tls], [443, [421], { alpn: 'h2' }]);
    assert.deepEqual(websocket?.request, { protocol: 'websocket', host: 'ws.example.com', path: '/ws', messages: ['Websocket Support!', { binary: [1, 2, 3] }] });
    assert.deepEqual(websocket?.expect.response.statuses, [101]);
    assert.deepEqual(h2c?.request, { protocol: 'h2c', method: 'GET', host: 'h2c.example.com', path: '/' });
    assert.deepEqual(h2c?.expect.backend, { name: 'infra-backend-v1', namespace: 'gateway-conformance-infra', proto: 'HTTP/2.0' });
    assert.deepEqual(tls?.request, {
      protocol: 'tls',
      serverName: 'abc.example.com',
      alpn: ['h2'],
      ca: { kind: 'ConfigMap', namespace: 'gateway-conformance-infra', name: 'tls-checks-ca-certificate' },
      clientCertificate: { namespace: 'gateway-conformance-infra', name: 'tls-checks-client-certificate' },
      exchange: [{ receive: 'Gateway API Test TCP Server\n' }, { send: 'PING\n', receive: 'PONG\n' }],
    });
    assert.deepEqual(tls?.expect.backend, { name: 'tcp-backend', namespace: 'gateway-conformance-infra', tls: true, serverName: 'abc.example.com' });
    assert.deepEqual(tls?.expect.tls, { certificate: { dnsNames: ['abc.example.com'] } });
    assert.equal(refused?.expect.handshake, 'fails');
    assert.equal(scenario.splits[0]?.samples, 500);
    assert.deepEqual(scenario.splits[0]?.received, { 'infra-backend-v1': { name: 'infra-backend-v1', path: '/', absentHeaders: ['x-debug'] } });
    const [phase] = scenario.phases;
    assert.deepEqual(phase?.delete[0]?.object.metadata, { name: 'unused-grant', namespace: 'gateway-conformance-infra' });
    assert.equal(phase?.apply.length, 1);
    assert.equal(phase?.await[0]?.parents[0]?.parent.sectionName, 'http', 'a phase expands accepted from the route as it applied it');
    assert.equal(scenario.loads[0]?.rate, 2000);
    assert.deepEqual(scenario.loads[0]?.gateway, { namespace: 'gateway-conformance-infra', name: 'same-namespace' });
  });
});
