import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { ScenarioError } from '../../../harness/scenario/scenario-error.ts';
import { placeholder, routeManifest, validScenario, writeTree } from './scenario-fixtures.ts';

const changedRoute = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: route, namespace: ns }
spec:
  hostnames: [changed.example.com]
`;

/** validScenario('one') plus the given `then:` block (YAML lines, already indented). */
function withThen(lines: string[]): Record<string, string> {
  return {
    'conformance/one/scenario.yaml': `${validScenario('one')}then:\n${lines.join('\n')}\n`,
    'conformance/one/manifests.yaml': routeManifest,
    'conformance/one/changed-route.yaml': changedRoute,
  };
}

async function issuesOf(files: Record<string, string>): Promise<string[]> {
  const root = await writeTree(files);
  try {
    await loadScenarios(root);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected a ScenarioError, got ${String(error)}`);
    const file = join(root, 'conformance/one/scenario.yaml');
    assert.ok(error.issues.every((issue) => issue.file === file));
    return error.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`);
  }
  assert.fail('expected loadScenarios to throw');
}

// validScenario() is 10 lines; `then:` is line 11, so the first phase entry starts on line 12.
describe('loadScenarios: then phases', () => {
  it('reads phases with deletions (apiVersion inferred or given), file and inline manifests, and checks', async () => {
    const root = await writeTree(
      withThen([
        '  - name: the grant is deleted',
        '    delete:',
        '      - { kind: ReferenceGrant, namespace: ns, name: grant }',
        '      - { kind: GatewayClass, name: other-class }',
        '      - { apiVersion: example.com/v1, kind: Widget, namespace: ns, name: w }',
        '    apply:',
        '      - changed-route.yaml',
        '      - apiVersion: gateway.networking.k8s.io/v1',
        '        kind: Gateway',
        '        metadata: { name: gw, namespace: ns }',
        `        spec: { gatewayClassName: "${placeholder('GATEWAY_CLASS_NAME')}" }`,
        '    await:',
        '      - kind: HTTPRoute',
        '        namespace: ns',
        '        name: route',
        '        parents:',
        '          - gateway: ns/gw',
        '            conditions: [{ type: ResolvedRefs, status: "False", reason: RefNotPermitted }]',
        '    requests:',
        '      - gateway: ns/gw',
        '        http: { path: /, host: changed.example.com }',
        '        expect: { response: { status: 500 } }',
        '  - name: a service goes away',
        '    delete: [{ kind: Service, namespace: ns, name: svc }]',
        '    splits:',
        '      - gateway: ns/gw',
        '        http: { path: / }',
        '        weights: { v1: 1 }',
      ]),
    );
    const [scenario] = await loadScenarios(root);
    const [first, second] = scenario?.phases ?? [];
    assert.equal(scenario?.phases.length, 2);
    assert.equal(first?.name, 'the grant is deleted');
    assert.equal(first?.source.line, 12);
    assert.deepEqual(
      first?.delete.map((m) => [m.object.apiVersion, m.object.kind, m.object.metadata, m.source.line]),
      [
        ['gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', { name: 'grant', namespace: 'ns' }, 14],
        ['gateway.networking.k8s.io/v1', 'GatewayClass', { name: 'other-class' }, 15],
        ['example.com/v1', 'Widget', { name: 'w', namespace: 'ns' }, 16],
      ],
    );
    assert.deepEqual(
      first?.apply.map((m) => [m.object.kind, m.source.file.endsWith('changed-route.yaml') ? 'file' : 'inline', m.source.line]),
      [
        ['HTTPRoute', 'file', 1],
        ['Gateway', 'inline', 19],
      ],
    );
    assert.deepEqual(first?.apply[1]?.object.spec, { gatewayClassName: 'gauntlet' });
    assert.deepEqual(first?.await[0]?.parents[0]?.conditions, [{ type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted' }]);
    assert.deepEqual(first?.requests[0]?.expect.response.statuses, [500]);
    assert.deepEqual(second?.delete[0]?.object, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'ns' } });
    assert.deepEqual(second?.splits[0]?.weights, { v1: 1 });
    assert.deepEqual(second?.apply, []);
  });

  it('gives a scenario without then: an empty list of phases', async () => {
    const root = await writeTree({ 'conformance/one/scenario.yaml': validScenario('one'), 'conformance/one/manifests.yaml': routeManifest });
    const [scenario] = await loadScenarios(root);
    assert.deepEqual(scenario?.phases, []);
  });

  it('reports unknown keys, a missing name, and phases that change or check nothing, each with its position', async () => {
    const issues = await issuesOf(
      withThen([
        '  - delete: [{ kind: Service, namespace: ns, name: svc }]',
        '    requests: [{ gateway: ns/gw, http: { path: / }, expect: { response: { status: 503 } } }]',
        '    colour: red',
        '  - name: changes nothing',
        '    requests: [{ gateway: ns/gw, http: { path: / } }]',
        '  - name: checks nothing',
        '    apply: [changed-route.yaml]',
      ]),
    );
    assert.deepEqual(issues, [
      '12:5 then[0].name: is required (a non-empty string)',
      '14:5 then[0].colour: unknown field; expected one of: name, delete, apply, await, requests, splits',
      '15:5 then[1]: changes nothing: add delete or apply',
      '17:5 then[2]: checks nothing after its change: add await, requests or splits',
    ]);
  });

  it('reports bad delete entries: unknown kind without apiVersion, namespace missing or misplaced, unknown fields', async () => {
    const issues = await issuesOf(
      withThen([
        '  - name: bad deletions',
        '    delete:',
        '      - { kind: Widget, namespace: ns, name: w }',
        '      - { kind: HTTPRoute, name: route }',
        '      - { kind: Namespace, namespace: ns, name: other }',
        '      - { kind: Service, namespace: ns, name: svc, uid: abc }',
        '      - { kind: Service, namespace: ns }',
        '      - just-a-string',
        '    requests: [{ gateway: ns/gw, http: { path: / } }]',
      ]),
    );
    assert.equal(issues.length, 6, issues.join('\n'));
    assert.match(issues[0] ?? '', /^14:17 then\[0\]\.delete\[0\]\.kind: unknown kind "Widget": add its apiVersion, or use one of GatewayClass, Gateway, HTTPRoute/);
    assert.equal(issues[1], '15:9 then[0].delete[1].namespace: is required: HTTPRoute lives in a namespace (set it here or defaults.namespace)');
    assert.equal(issues[2], '16:28 then[0].delete[2].namespace: Namespace is cluster-scoped; remove namespace');
    assert.match(issues[3] ?? '', /^17:52 then\[0\]\.delete\[3\]\.uid: unknown field; expected one of: apiVersion, kind, namespace, name$/);
    assert.equal(issues[4], '18:9 then[0].delete[4].name: is required (a non-empty string)');
    assert.equal(issues[5], '19:9 then[0].delete[5]: must be a mapping {kind, name}, got string "just-a-string"');
  });

  it('reports then: that is not a list, duplicate phase names, and unreadable apply files', async () => {
    const notAList = await issuesOf(withThen(['  name: oops']));
    assert.deepEqual(notAList, ['12:3 then: must be a list, got a mapping']);
    const issues = await issuesOf(
      withThen([
        '  - name: same',
        '    apply: [missing.yaml]',
        '    requests: [{ gateway: ns/gw, http: { path: / } }]',
        '  - name: same',
        '    apply: [{ apiVersion: v1, kind: ConfigMap, metadata: {} }]',
        '    requests: [{ gateway: ns/gw, http: { path: / } }]',
      ]),
    );
    assert.equal(issues.length, 3, issues.join('\n'));
    assert.match(issues[0] ?? '', /^13:13 then\[0\]\.apply: cannot read manifest file: ENOENT/);
    assert.equal(issues[1], '15:11 then[1].name: duplicate phase name "same"; phase names must be unique');
    assert.equal(issues[2], '16:13 ConfigMap has no metadata.name');
  });

  it('counts phases as checks for a scenario that checks nothing else', async () => {
    const text = validScenario('one').replace(/requests:[\s\S]*$/, '');
    const root = await writeTree({
      'conformance/one/scenario.yaml': `${text}then:\n  - name: p\n    apply: [changed-route.yaml]\n    requests: [{ gateway: ns/gw, http: { path: / } }]\n`,
      'conformance/one/manifests.yaml': routeManifest,
      'conformance/one/changed-route.yaml': changedRoute,
    });
    const [scenario] = await loadScenarios(root);
    assert.equal(scenario?.requests.length, 0);
    assert.equal(scenario?.phases[0]?.requests.length, 1);
  });
});
