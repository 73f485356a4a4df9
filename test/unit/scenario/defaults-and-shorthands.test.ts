import assert from 'node:assert/strict';
import { headedScenario } from './scenario-fixtures.ts';

const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: route, namespace: infra }
spec:
  parentRefs:
    - { name: gw }
    - { name: other, namespace: elsewhere, sectionName: http, port: 8080 }
`;

const header = ['id: one', 'description: a scenario', 'profile: GATEWAY-HTTP', 'features: [Gateway, HTTPRoute]', 'manifests: [manifests.yaml]'];

const { load, issuesOf } = headedScenario(header, { 'conformance/one/manifests.yaml': route });

describe('loadScenarios: defaults and shorthands', () => {
  it('fills gateway, port and namespaces from defaults, and leaves what an entry says alone', async () => {
    const [scenario] = await load([
      'defaults: { gateway: infra/gw, port: 8080, namespace: infra }',
      'await: [{ kind: HTTPRoute, name: route, conditions: [{ type: Accepted, status: True }] }, { kind: GatewayClass, name: gauntlet, conditions: [{ type: Accepted, status: True }] }]',
      'requests:',
      '  - http: { path: / }',
      '    expect: { backend: v1, mirroredTo: [{ backend: v2 }] }',
      '  - gateway: { namespace: other, name: gw2 }',
      '    port: 80',
      '    http: { path: / }',
      '    expect: { backend: { name: web, namespace: web-ns } }',
      '  - http: { path: / }',
      '    expect: { backend: { path: / } }',
      'splits: [{ http: { path: / }, weights: { v1: 1 } }]',
      'load: { http: { path: / }, durationSeconds: 1 }',
    ]);
    const [defaulted, explicit, unnamed] = scenario?.requests ?? [];
    assert.deepEqual([defaulted?.gateway, defaulted?.port], [{ namespace: 'infra', name: 'gw' }, 8080]);
    assert.deepEqual(defaulted?.expect.backend, { name: 'v1', namespace: 'infra' });
    assert.deepEqual(defaulted?.expect.mirroredTo, [{ backend: 'v2', namespace: 'infra' }]);
    assert.deepEqual([explicit?.gateway, explicit?.port, explicit?.expect.backend?.namespace], [{ namespace: 'other', name: 'gw2' }, 80, 'web-ns']);
    assert.deepEqual(unnamed?.expect.backend, { path: '/' }, 'a backend without a name has no namespace to qualify');
    assert.deepEqual(scenario?.await.map((awaited) => awaited.namespace), ['infra', ''], 'cluster-scoped kinds take no namespace');
    assert.deepEqual([scenario?.splits[0]?.gateway, scenario?.loads[0]?.port], [{ namespace: 'infra', name: 'gw' }, 8080]);
  });

  it('defaults the port to 80, the method to GET and the status to 200, or 302 with a redirect', async () => {
    const [scenario] = await load(['requests:', '  - { gateway: infra/gw, http: { path: / } }', '  - { gateway: infra/gw, http: { path: /old, method: post }, expect: { redirect: { path: /new } } }']);
    const [plain, redirect] = scenario?.requests ?? [];
    assert.equal(plain?.port, 80);
    assert.deepEqual(plain?.request, { protocol: 'http', method: 'GET', path: '/' });
    assert.equal(plain?.name, 'GET /');
    assert.deepEqual(plain?.expect, { response: { statuses: [200], headers: {}, absentHeaders: [] }, mirroredTo: [] });
    assert.equal(redirect?.request.protocol === 'http' && redirect.request.method, 'POST');
    assert.deepEqual(redirect?.expect.response.statuses, [302]);
  });

  it('reads a websocket: case with default messages, status 101 and a WebSocket step name', async () => {
    const [scenario] = await load(['requests: [{ gateway: infra/gw, websocket: { host: ws.example.com, path: /ws } }]']);
    const [websocket] = scenario?.requests ?? [];
    assert.deepEqual(websocket?.request, { protocol: 'websocket', host: 'ws.example.com', path: '/ws', messages: ['gauntlet websocket echo', { binary: [1, 2, 3, 4, 5, 6, 7] }] });
    assert.deepEqual(websocket?.expect.response.statuses, [101]);
    assert.equal(websocket?.name, 'WebSocket ws.example.com/ws');
  });

  it('expands parents: accepted into Accepted and ResolvedRefs on every parentRef of the route', async () => {
    const [scenario] = await load(['defaults: { namespace: infra }', 'await: [{ kind: HTTPRoute, name: route, parents: accepted }]']);
    const conditions = [
      { type: 'Accepted', status: 'True', reason: 'Accepted' },
      { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
    ];
    assert.deepEqual(scenario?.await[0]?.parents, [
      { parent: { namespace: 'infra', name: 'gw' }, conditions },
      { parent: { namespace: 'elsewhere', name: 'other', sectionName: 'http', port: 8080 }, conditions },
    ]);
  });

  it('says where parents: accepted cannot be expanded', async () => {
    const issues = await issuesOf(['await:', '  - { kind: HTTPRoute, namespace: infra, name: missing, parents: accepted }', '  - { kind: Gateway, namespace: infra, name: route, parents: accepted }']);
    assert.deepEqual(issues, [
      '7:66 await[0].parents: "accepted" reads the parentRefs of HTTPRoute infra/missing, but no manifest of this scenario defines it; list the parents instead',
      '8:62 await[1].parents: "accepted" reads the parentRefs of Gateway infra/route, but no manifest of this scenario defines it; list the parents instead',
    ]);
  });

  it('requires a gateway and namespaces where no default gives them', async () => {
    const issues = await issuesOf([
      'await: [{ kind: HTTPRoute, name: route, parents: accepted }]',
      'requests: [{ http: { path: / }, expect: { mirroredTo: [{ backend: v2 }] } }]',
    ]);
    assert.deepEqual(issues, [
      '6:9 await[0].namespace: is required: HTTPRoute lives in a namespace (set it here or defaults.namespace)',
      '7:12 requests[0].gateway: is required: name the Gateway here ("namespace/name") or set defaults.gateway',
      '7:56 requests[0].expect.mirroredTo[0].namespace: is required to find the backend\'s pods: set it here or defaults.namespace',
    ]);
  });

  it('reads the channel, standard by default', async () => {
    const [standard] = await load(['requests: [{ gateway: infra/gw, http: { path: / } }]']);
    assert.equal(standard?.channel, 'standard');
    const [experimental] = await load(['channel: experimental', 'requests: [{ gateway: infra/gw, http: { path: / } }]']);
    assert.equal(experimental?.channel, 'experimental');
  });
});

describe('loadScenarios: h2c:', () => {
  it('reads an h2c: case like an http: one, named after its protocol', async () => {
    const [scenario] = await load(['requests: [{ gateway: infra/gw, h2c: { host: h2c.example.com, path: /, uniqueQueryParam: id }, expect: { backend: { proto: HTTP/2.0 } } }]']);
    const [h2c] = scenario?.requests ?? [];
    assert.deepEqual(h2c?.request, { protocol: 'h2c', method: 'GET', host: 'h2c.example.com', path: '/', uniqueQueryParam: 'id' });
    assert.deepEqual(h2c?.expect.backend, { proto: 'HTTP/2.0' });
    assert.deepEqual(h2c?.expect.response.statuses, [200]);
    assert.equal(h2c?.name, 'h2c GET h2c.example.com/');
  });
});

describe('loadScenarios: uniqueQueryParam', () => {
  it('keeps it on a request case for the runner', async () => {
    const [scenario] = await load(['requests: [{ gateway: infra/gw, http: { path: "/retry?succeedAfter=2", uniqueQueryParam: uuid } }]']);
    assert.deepEqual(scenario?.requests[0]?.request, { protocol: 'http', method: 'GET', path: '/retry?succeedAfter=2', uniqueQueryParam: 'uuid' });
  });

  it('refuses a path that already has the parameter, and splits, which send no fresh values', async () => {
    const issues = await issuesOf([
      'defaults: { gateway: infra/gw }',
      'requests:',
      '  - http: { path: "/retry?uuid=1", uniqueQueryParam: uuid }',
      'splits:',
      '  - { http: { path: /, uniqueQueryParam: uuid }, weights: { v1: 1 } }',
    ]);
    assert.deepEqual(issues, [
      '8:19 requests[0].http.path: already has the query parameter uuid, which uniqueQueryParam gives a fresh value per request: remove it from the path',
      '10:24 splits[0].http.uniqueQueryParam: unknown field; expected one of: method, host, path, headers, body',
    ]);
  });
});

describe('loadScenarios: checks the declaration cannot make', () => {
  it('wants exactly one protocol key per request case', async () => {
    const issues = await issuesOf(['defaults: { gateway: infra/gw }', 'requests:', '  - { name: nothing sent, expect: { response: { status: 404 } } }']);
    assert.deepEqual(issues, ['8:5 requests[0]: says nothing to send: add one protocol key (http, h2c, https, websocket, tls, tcp, udp, grpc) with the request']);
  });

  it('refuses two protocol keys, and expectations a websocket: case cannot check', async () => {
    const issues = await issuesOf([
      'defaults: { gateway: infra/gw }',
      'requests:',
      '  - { http: { path: / }, websocket: { path: /ws } }',
      '  - { websocket: { path: /ws }, expect: { backend: v1 } }',
    ]);
    assert.deepEqual(issues, [
      '8:26 requests[0].websocket: one protocol per request case: this one already sends http',
      '9:43 requests[1].expect.backend: is not checked for websocket: (the echo answers with frames, not a JSON account of the request); check it with an http: case',
    ]);
  });

  it('refuses a redirect beside a backend or mirror, samples without a percent, and timing that cannot hold', async () => {
    const issues = await issuesOf([
      'defaults: { gateway: infra/gw, namespace: infra }',
      'requests:',
      '  - http: { path: / }',
      '    samples: 100',
      '    expect:',
      '      backend: v1',
      '      redirect: { path: /new }',
      '      mirroredTo: [{ backend: v2 }]',
      '      timing: { within: 1s, notBefore: 1500ms }',
    ]);
    assert.deepEqual(issues, [
      '9:14 requests[0].samples: is only used to judge a mirroredTo percent; remove it or add percent to a mirror',
      '11:7 requests[0].expect.backend: cannot hold with a redirect: the gateway answers a redirect itself and no backend sees the request; remove one of them',
      '13:7 requests[0].expect.mirroredTo: cannot hold with a redirect: the gateway answers a redirect itself and no backend sees the request; remove one of them',
      '14:40 requests[0].expect.timing.notBefore: 1500ms is later than within (1s): no response can satisfy both',
    ]);
  });

  it('wants a weight above 0 in splits and weights for a load split check', async () => {
    const issues = await issuesOf([
      'defaults: { gateway: infra/gw }',
      'splits: [{ http: { path: / }, weights: { v1: 0 } }]',
      'load: { http: { path: / }, durationSeconds: 1, expect: { splitWithinBounds: true } }',
    ]);
    assert.deepEqual(issues, ['7:40 splits[0].weights: needs at least one backend with a weight above 0', '8:7 load.weights: is required when expect.splitWithinBounds is true (backend name -> weight)']);
  });

  it("reads a split's received expectations per backend, and refuses one for a backend no request can reach", async () => {
    const [scenario] = await load([
      'defaults: { gateway: infra/gw }',
      'splits:',
      '  - http: { path: / }',
      '    weights: { v1: 1, v2: 1 }',
      '    received: { v1: { headers: { backend: 1 }, absentHeaders: [x-other] }, v2: { path: / } }',
    ]);
    assert.deepEqual(scenario?.splits[0]?.received, { v1: { name: 'v1', headers: { backend: '1' }, absentHeaders: ['x-other'] }, v2: { name: 'v2', path: '/' } });
    const issues = await issuesOf([
      'defaults: { gateway: infra/gw }',
      'splits:',
      '  - http: { path: / }',
      '    weights: { v1: 1, v3: 0 }',
      '    received: { v3: { path: / }, v9: { path: / } }',
    ]);
    assert.deepEqual(issues, [
      '10:17 splits[0].received.v3: names a backend no sampled request can reach; use one with a weight above 0 (v1)',
      '10:34 splits[0].received.v9: names a backend no sampled request can reach; use one with a weight above 0 (v1)',
    ]);
  });

  it('reads response header values as lists of acceptable forms: text, numbers, { list } and several of them', async () => {
    const [scenario] = await load([
      'defaults: { gateway: infra/gw }',
      'requests:',
      '  - http: { path: / }',
      '    expect: { response: { headers: { a: x, b: 2, c: { list: [GET, PUT] }, d: [x, { list: [y] }] } } }',
    ]);
    assert.deepEqual(scenario?.requests[0]?.expect.response.headers, { a: ['x'], b: ['2'], c: [{ list: ['GET', 'PUT'] }], d: ['x', { list: ['y'] }] });
    const issues = await issuesOf(['defaults: { gateway: infra/gw }', 'requests:', '  - http: { path: / }', '    expect: { response: { headers: { e: { lst: [x] } } } }']);
    assert.deepEqual(issues, ['9:41 requests[0].expect.response.headers.e.list: is required (a list)', '9:43 requests[0].expect.response.headers.e.lst: unknown field; expected one of: list']);
  });
});

