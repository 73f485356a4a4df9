import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE_CONTROLLER_NAME } from '../../../harness/run/reference-class.ts';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { ScenarioError } from '../../../harness/scenario/scenario-error.ts';
import { placeholder, routeManifest, validScenario, writeTree } from './scenario-fixtures.ts';

async function loadErrors(root: string, options = {}): Promise<ScenarioError> {
  try {
    await loadScenarios(root, options);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected a ScenarioError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected loadScenarios to throw');
}

describe('loadScenarios', () => {
  it('loads the shipped scenarios with every manifest located', async () => {
    const scenarios = await loadScenarios('scenarios');
    const ids = scenarios.map((scenario) => scenario.id);
    // Every scenario folder loads, under its folder's name, in the loader's order (by kind, then by name).
    const folders = ['conformance', 'load'].flatMap((kind) => readdirSync(join('scenarios', kind)).sort());
    assert.deepEqual(ids, folders);
    assert.ok(ids.includes('httproute-weighted-backends') && ids.includes('weighted-split-under-load'));
    for (const scenario of scenarios) {
      // Control-plane scenarios create their routes from a template as they measure.
      assert.ok(scenario.manifests.length > 0 || scenario.propagation !== undefined || scenario.routeScale !== undefined, scenario.id);
      for (const manifest of scenario.manifests) assert.ok(manifest.source.line >= 1);
    }
    const load = scenarios.find((scenario) => scenario.id === 'weighted-split-under-load');
    assert.equal(load?.kind, 'load');
    assert.deepEqual(load?.loads[0]?.weights, { 'infra-backend-v1': 70, 'infra-backend-v2': 30, 'infra-backend-v3': 0 });
    assert.equal(load?.loads[0]?.expect.splitWithinBounds, true);
  });

  it("loads one kind's folder (scenarios/load) with the run profile's sizes", async () => {
    const smoke = await loadScenarios(join('scenarios', 'load'));
    assert.deepEqual(
      smoke.map((scenario) => scenario.id),
      readdirSync(join('scenarios', 'load')).sort(),
    );
    assert.ok(smoke.every((scenario) => scenario.kind === 'load'));
    const nightly = await loadScenarios(join('scenarios', 'load'), { profile: 'nightly' });
    const scale = (list: typeof smoke) => list.find((scenario) => scenario.id === 'attached-routes-scale')?.routeScale?.routes;
    assert.deepEqual([scale(smoke), scale(nightly)], [1000, 5000]);
  });

  it('reads the nonexistent-backend scenario into typed expectations', async () => {
    const [scenario] = await loadScenarios('scenarios', { only: ['httproute-nonexistent-backend'] });
    assert.equal(scenario?.conformanceTest, 'HTTPRouteInvalidNonExistentBackendRef');
    assert.deepEqual(scenario?.await[0]?.parents[0], {
      parent: { namespace: 'gateway-conformance-infra', name: 'same-namespace' },
      conditions: [
        { type: 'Accepted', status: 'True' },
        { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound' },
      ],
    });
    assert.deepEqual(scenario?.requests[0]?.gateway, { namespace: 'gateway-conformance-infra', name: 'same-namespace' });
    assert.equal(scenario?.requests[0]?.port, 80);
    assert.deepEqual(scenario?.requests[0]?.expect.response.statuses, [500]);
    // Inline manifests point at their line in scenario.yaml.
    assert.equal(scenario?.manifests[0]?.source.file, join('scenarios', 'conformance', 'httproute-nonexistent-backend', 'scenario.yaml'));
    assert.equal(scenario?.manifests[0]?.source.line, 13);
  });

  it('keeps each document of a manifest file with its own start line', async () => {
    const root = await writeTree({ 'conformance/one/scenario.yaml': validScenario('one'), 'conformance/one/manifests.yaml': routeManifest });
    const [scenario] = await loadScenarios(root);
    assert.deepEqual(
      scenario?.manifests.map((manifest) => [manifest.object.metadata.name, manifest.source.line]),
      [
        ['route', 2],
        ['route-two', 8],
      ],
    );
  });

  it('accepts a single scenario folder or file as root', async () => {
    const root = await writeTree({ 'conformance/one/scenario.yaml': validScenario('one'), 'conformance/one/manifests.yaml': routeManifest });
    assert.equal((await loadScenarios(join(root, 'conformance/one')))[0]?.id, 'one');
    assert.equal((await loadScenarios(join(root, 'conformance/one/scenario.yaml')))[0]?.id, 'one');
  });

  it('reports every problem of a file together, each with file:line:column', async () => {
    const text = [
      'id: one',
      'description: x',
      'profile: GATEWAY-HTTP',
      'features: [Gateway]',
      'requests:',
      '  - gateway: just-a-name',
      '    port: 0',
      '    http: { path: / }',
      '    expect: { response: { status: "200" }, colour: red }',
      'awaits: []',
      '',
    ].join('\n');
    const root = await writeTree({ 'conformance/one/scenario.yaml': text });
    const error = await loadErrors(root);
    const file = join(root, 'conformance/one/scenario.yaml');
    const found = error.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message.split(':')[0]}`);
    assert.deepEqual(found, ['6:14 requests[0].gateway', '7:11 requests[0].port', '9:35 requests[0].expect.response.status', '9:44 requests[0].expect.colour', '10:1 awaits']);
    assert.ok(error.issues.every((issue) => issue.file === file));
    assert.match(error.message, /scenario\.yaml:6:14: requests\[0\]\.gateway: must be "namespace\/name", got string "just-a-name"/);
    assert.match(error.message, /requests\[0\]\.expect\.response\.status: must be a status such as 200, or a list of acceptable statuses, got string "200"/);
    assert.match(error.message, /requests\[0\]\.expect\.colour: unknown field; expected one of: response, backend, redirect, mirroredTo, timing/);
    assert.match(error.message, /awaits: unknown field; expected one of: id, description/);
    assert.equal(error.code, 'GAUNTLET_SCENARIO_INVALID');
  });

  it('reports YAML syntax errors with their position instead of crashing', async () => {
    const root = await writeTree({ 'conformance/one/scenario.yaml': 'id: one\ndescription: [unclosed\nprofile: GATEWAY-HTTP\n' });
    const error = await loadErrors(root);
    assert.ok(error.issues.length >= 1);
    assert.match(error.issues[0]?.message ?? '', /^YAML syntax/);
    assert.ok((error.issues[0]?.line ?? 0) >= 2);
  });

  it('collects problems across scenario and manifest files', async () => {
    const root = await writeTree({
      'conformance/one/scenario.yaml': validScenario('one'),
      'conformance/one/manifests.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n---\nkind: Secret\nmetadata: { name: s }\n',
      'conformance/two/scenario.yaml': validScenario('three').replace('manifests:\n  - manifests.yaml\n', 'manifests:\n  - missing.yaml\n'),
    });
    const error = await loadErrors(root);
    const messages = error.issues.map((issue) => `${issue.file.slice(root.length + 1)}:${issue.line} ${issue.message}`);
    assert.ok(messages.includes('conformance/one/manifests.yaml:1 ConfigMap has no metadata.name'), messages.join('\n'));
    assert.ok(messages.includes('conformance/one/manifests.yaml:5 manifest has no apiVersion'), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('conformance/two/scenario.yaml:1 id: "three" must equal its folder name "two"')), messages.join('\n'));
    assert.ok(messages.some((message) => message.startsWith('conformance/two/scenario.yaml:6 manifests: cannot read manifest file')));
  });

  it('filters by id and names unknown ids with the known ones', async () => {
    const root = await writeTree({
      'conformance/one/scenario.yaml': validScenario('one'),
      'conformance/one/manifests.yaml': routeManifest,
      'load/two/scenario.yaml': validScenario('two'),
      'load/two/manifests.yaml': routeManifest,
    });
    const only = await loadScenarios(root, { only: ['two'] });
    assert.deepEqual(
      only.map((scenario) => [scenario.id, scenario.kind]),
      [['two', 'load']],
    );
    const error = await loadErrors(root, { only: ['nope'] });
    assert.match(error.message, /no scenario with id "nope"; known ids: one, two/);
  });

  it('says where it looked when there is no scenario at all', async () => {
    const root = await writeTree({ 'README.md': 'nothing here' });
    const error = await loadErrors(root);
    assert.match(error.message, /no scenario\.yaml found here or under conformance\/<id>\/ or load\/<id>\//);
  });

  it('substitutes the gateway class placeholder in scenario manifests', async () => {
    const gateway = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { name: gw, namespace: ns }\nspec:\n  gatewayClassName: ${placeholder('GATEWAY_CLASS_NAME')}\n`;
    const root = await writeTree({ 'conformance/one/scenario.yaml': validScenario('one'), 'conformance/one/manifests.yaml': gateway });
    const [scenario] = await loadScenarios(root, { gatewayClassName: 'theirs' });
    assert.deepEqual(scenario?.manifests[0]?.object.spec, { gatewayClassName: 'theirs' });
    const [defaulted] = await loadScenarios(root);
    assert.deepEqual(defaulted?.manifests[0]?.object.spec, { gatewayClassName: 'gauntlet' });
  });

  it("substitutes the controller name: the reference class's by default, a given one for another class", async () => {
    const gatewayClass = `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: { name: own-class }\nspec:\n  controllerName: ${placeholder('GATEWAY_CONTROLLER_NAME')}\n`;
    const root = await writeTree({ 'conformance/one/scenario.yaml': validScenario('one'), 'conformance/one/manifests.yaml': gatewayClass });
    const [defaulted] = await loadScenarios(root);
    assert.deepEqual(defaulted?.manifests[0]?.object.spec, { controllerName: REFERENCE_CONTROLLER_NAME });
    const [given] = await loadScenarios(root, { gatewayClassName: 'theirs', gatewayControllerName: 'example.com/theirs' });
    assert.deepEqual(given?.manifests[0]?.object.spec, { controllerName: 'example.com/theirs' });
    const error = await loadErrors(root, { gatewayClassName: 'theirs' });
    assert.match(error.message, /manifests\.yaml:1:1: placeholder \$\{GATEWAY_CONTROLLER_NAME\} has no value in this run: .*pass --gateway-controller-name with the spec\.controllerName of GatewayClass theirs/);
  });

  it("fills the run's addresses into manifests and a Gateway's expected status.addresses, and marks a scenario lacking them instead of failing", async () => {
    const gateway = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { name: gw, namespace: ns }\nspec:\n  addresses:\n    - { type: "${placeholder('UNUSABLE_ADDRESS_TYPE')}", value: "${placeholder('UNUSABLE_ADDRESS')}" }\n    - { type: "${placeholder('USABLE_ADDRESS_TYPE')}", value: "${placeholder('USABLE_ADDRESS')}" }\n`;
    const scenario = `${validScenario('one')}await:\n  - kind: Gateway\n    namespace: ns\n    name: gw\n    addresses: [{ type: "${placeholder('USABLE_ADDRESS_TYPE')}", value: "${placeholder('USABLE_ADDRESS')}" }]\n`;
    const root = await writeTree({ 'conformance/one/scenario.yaml': scenario, 'conformance/one/manifests.yaml': gateway });
    const staticAddresses = { usableAddress: { type: 'IPAddress', value: '127.40.0.9' }, unusableAddress: { type: 'Hostname', value: 'nowhere.example' } };
    const [given] = await loadScenarios(root, { staticAddresses });
    assert.deepEqual(given?.manifests[0]?.object.spec, {
      addresses: [
        { type: 'Hostname', value: 'nowhere.example' },
        { type: 'IPAddress', value: '127.40.0.9' },
      ],
    });
    assert.deepEqual(given?.await[0]?.addresses, [{ type: 'IPAddress', value: '127.40.0.9' }]);
    assert.equal(given?.lacksRunValues, undefined);
    const [lacking] = await loadScenarios(root);
    assert.deepEqual(lacking?.lacksRunValues?.sort(), ['UNUSABLE_ADDRESS', 'UNUSABLE_ADDRESS_TYPE', 'USABLE_ADDRESS', 'USABLE_ADDRESS_TYPE']);
  });
});
