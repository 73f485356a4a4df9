import assert from 'node:assert/strict';
import { Command } from 'commander';
import { declaredFeatures, type FeatureSelectionOptions, needsDeclaredFeatures, selectForFeatures } from '../../../harness/run/feature-selection.ts';
import { addImplementationFlags, featureSelectionFrom, implementationInfoFrom } from '../../../harness/run/implementation-flags.ts';
import type { Scenario } from '../../../harness/scenario/scenario-types.ts';

function scenario(id: string, features: string[], conformanceTest?: string, profile = 'GATEWAY-HTTP'): Scenario {
  return { id, features, profile, ...(conformanceTest ? { conformanceTest } : {}) } as Scenario;
}

const scenarios = [
  scenario('simple', ['Gateway', 'HTTPRoute'], 'HTTPRouteSimpleSameNamespace'),
  scenario('mirror', ['Gateway', 'HTTPRoute', 'HTTPRouteRequestMirror'], 'HTTPRouteRequestMirror'),
  scenario('redirect-303', ['Gateway', 'HTTPRoute', 'HTTPRoute303RedirectStatusCode'], 'HTTPRoute303Redirect'),
  scenario('grpc', ['Gateway', 'GRPCRoute'], 'GRPCExactMethodMatching', 'GATEWAY-GRPC'),
];
const declared = { features: ['Gateway', 'HTTPRoute', 'HTTPRouteRequestMirror', 'HTTPRoute303RedirectStatusCode', 'GRPCRoute'], source: 'GatewayClass x status.supportedFeatures' };
const provisional = (name: string) => name === 'HTTPRoute303Redirect';
const select = (options: FeatureSelectionOptions, from = declared) => selectForFeatures(scenarios, options, from, provisional);
const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('selectForFeatures', () => {
  it("runs what the GatewayClass declares and skips, naming the feature and not counting it, what it does not", () => {
    const selection = select({}, { features: ['Gateway', 'HTTPRoute', 'GRPCRoute'], source: 'GatewayClass x status.supportedFeatures' });
    assert.deepEqual(ids(selection.runnable), ['simple', 'grpc']);
    assert.deepEqual(
      selection.skipped.map((skip) => [skip.scenario.id, skip.because]),
      [
        ['mirror', 'unsupported-feature'],
        ['redirect-303', 'unsupported-feature'],
      ],
    );
    assert.match(selection.skipped[0]?.reason ?? '', /needs feature HTTPRouteRequestMirror, not supported by the implementation \(GatewayClass x status\.supportedFeatures\)/);
  });

  it('lets --supported-features replace the declaration, --exempt-features remove from it, --all-features claim everything', () => {
    assert.ok(needsDeclaredFeatures({}) && !needsDeclaredFeatures({ supportedFeatures: [] }) && !needsDeclaredFeatures({ allFeatures: true }));
    assert.deepEqual(ids(select({ supportedFeatures: ['Gateway', 'HTTPRoute'] }).runnable), ['simple']);
    assert.deepEqual(ids(select({ exemptFeatures: ['HTTPRouteRequestMirror'] }).runnable), ['simple', 'redirect-303', 'grpc']);
    const all = select({ allFeatures: true, exemptFeatures: ['GRPCRoute'] }, undefined);
    assert.deepEqual(ids(all.runnable), ['simple', 'mirror', 'redirect-303']);
    assert.equal(all.supported.features, 'all');
  });

  it('keeps --profiles, runs only --run, skips --skip and provisional tests with --skip-provisional (counted as skipped)', () => {
    const selection = select({ profiles: ['GATEWAY-HTTP'], skip: ['mirror'], skipProvisional: true });
    assert.deepEqual(ids(selection.leftOut), ['grpc']);
    assert.deepEqual(ids(selection.runnable), ['simple']);
    assert.deepEqual(
      selection.skipped.map((skip) => [skip.scenario.id, skip.because]),
      [
        ['mirror', 'flag'],
        ['redirect-303', 'flag'],
      ],
    );
    assert.deepEqual(ids(select({ run: ['HTTPRouteRequestMirror', 'grpc'] }).runnable), ['mirror', 'grpc'], 'by upstream test name or scenario id');
  });

  it('reads status.supportedFeatures in both the object (v1.2+) and the older string form', () => {
    assert.deepEqual(declaredFeatures({ status: { supportedFeatures: [{ name: 'Gateway' }, { name: 'HTTPRoute' }] } }), ['Gateway', 'HTTPRoute']);
    assert.deepEqual(declaredFeatures({ status: { supportedFeatures: ['Gateway'] } }), ['Gateway']);
    assert.deepEqual(declaredFeatures(undefined), []);
  });
});

describe('the run flags for any implementation', () => {
  it('parses comma-separated, repeatable lists and the ConformanceReport details', () => {
    const command = addImplementationFlags(new Command('run').exitOverride());
    command.parse(['--supported-features', 'Gateway,HTTPRoute', '--supported-features', 'ReferenceGrant', '--skip-provisional', '--version', 'v2.0.0', '--contact', '@a,@b', '--mode', 'm'], { from: 'user' });
    const values = command.opts();
    assert.deepEqual(featureSelectionFrom(values), { supportedFeatures: ['Gateway', 'HTTPRoute', 'ReferenceGrant'], skipProvisional: true });
    assert.deepEqual(implementationInfoFrom(values), { version: 'v2.0.0', contact: ['@a', '@b'] });
  });
});
