import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { conformanceReportFileName, renderConformanceReport } from '../../../harness/report/conformance-report.ts';
import type { ScenarioResult } from '../../../harness/report/run-result.ts';
import type { UpstreamConformanceTests } from '../../../harness/report/upstream-conformance/upstream-tests.ts';
import { coreTestsOf, upstreamTests } from '../../../harness/report/upstream-conformance/upstream-tests.ts';
import { sampleRun } from './sample-run.ts';

/** A small upstream release: three core tests of GATEWAY-HTTP (one needs only Gateway) and one extended. */
const upstream: UpstreamConformanceTests = {
  gatewayAPIVersion: 'v1.6.1',
  source: 'test',
  profiles: { 'GATEWAY-HTTP': ['Gateway', 'HTTPRoute', 'ReferenceGrant'], 'GATEWAY-TLS': ['Gateway', 'ReferenceGrant', 'TLSRoute'] },
  extendedFeatures: { 'GATEWAY-HTTP': ['GatewayPort8080', 'HTTPRouteRequestMirror'], 'GATEWAY-TLS': ['GatewayPort8080', 'TLSRouteModeTerminate'] },
  tests: [
    { name: 'HTTPRouteSimpleSameNamespace', features: ['Gateway', 'HTTPRoute'], provisional: false, file: 'a.go' },
    { name: 'HTTPRouteHeaderMatching', features: ['Gateway', 'HTTPRoute'], provisional: false, file: 'b.go' },
    { name: 'GatewayInvalidRouteKind', features: ['Gateway'], provisional: false, file: 'c.go' },
    { name: 'HTTPRouteRequestMirror', features: ['Gateway', 'HTTPRoute', 'HTTPRouteRequestMirror'], provisional: false, file: 'd.go' },
    { name: 'TLSRouteSimpleSameNamespace', features: ['Gateway', 'TLSRoute'], provisional: false, file: 'e.go' },
    { name: 'TLSRouteListenerTerminateNotSupported', features: ['Gateway', 'TLSRoute'], provisional: false, file: 'f.go' },
  ],
};

function scenario(conformanceTest: string, outcome: ScenarioResult['outcome'], features = ['Gateway', 'HTTPRoute'], skippedBecause?: ScenarioResult['skippedBecause']): ScenarioResult {
  return { id: conformanceTest.toLowerCase(), description: '', conformanceTest, profile: 'GATEWAY-HTTP', features, outcome, durationMs: 0, steps: [], ...(skippedBecause ? { skippedBecause } : {}) };
}

describe('renderConformanceReport', () => {
  it('writes the upstream ConformanceReport shape, counting a core test without a scenario as skipped', () => {
    const report = parse(renderConformanceReport(sampleRun(), { upstream }));
    assert.equal(report.apiVersion, 'gateway.networking.k8s.io/v1');
    assert.equal(report.kind, 'ConformanceReport');
    assert.equal(report.date, '2026-11-26T05:41:30.500Z');
    assert.equal(report.gatewayAPIVersion, 'v1.6.1');
    assert.equal(report.gatewayAPIChannel, 'standard');
    assert.equal(report.mode, 'default');
    assert.deepEqual(report.implementation, { organization: 'gauntlet', project: 'reference-impl', url: 'https://example.com/gauntlet', version: 'v0.1.0', contact: ['@gauntlet/maintainers'] });
    assert.deepEqual(Object.keys(report).sort(), ['apiVersion', 'date', 'gatewayAPIChannel', 'gatewayAPIVersion', 'implementation', 'kind', 'mode', 'profiles'], 'only upstream fields');
    const [profile] = report.profiles;
    assert.equal(profile.name, 'GATEWAY-HTTP');
    // The load scenario has no upstream test: it is not counted. GatewayInvalidRouteKind has no scenario: skipped.
    assert.deepEqual(profile.core, { result: 'failure', statistics: { Passed: 1, Failed: 1, Skipped: 1 }, skippedTests: ['GatewayInvalidRouteKind'], failedTests: ['HTTPRouteHeaderMatching'] });
    // Without the run's supported features (an older results.json), only what ran counts as supported.
    assert.deepEqual(profile.extended, {
      result: 'partial',
      statistics: { Passed: 0, Failed: 0, Skipped: 1 },
      skippedTests: ['HTTPRouteRequestMirror'],
      unsupportedFeatures: ['GatewayPort8080', 'HTTPRouteRequestMirror'],
    });
    assert.match(profile.summary, /^Core tests failed with 1 test failures and 1 skipped\. 1 of upstream's 3 core tests were not run, no scenario of this run mirroring them/);
  });

  it('is success only when every core test of the profile ran and passed', () => {
    const all = [scenario('HTTPRouteSimpleSameNamespace', 'passed'), scenario('HTTPRouteHeaderMatching', 'passed'), scenario('GatewayInvalidRouteKind', 'passed', ['Gateway'])];
    const run = { ...sampleRun(), scenarios: all };
    const [complete] = parse(renderConformanceReport(run, { upstream, mode: 'gateway-per-test' })).profiles;
    assert.deepEqual(complete.core, { result: 'success', statistics: { Passed: 3, Failed: 0, Skipped: 0 } });
    assert.equal(complete.summary, 'Core tests succeeded.');
    assert.equal(parse(renderConformanceReport(run, { upstream, mode: 'gateway-per-test' })).mode, 'gateway-per-test');

    const missingOne = { ...run, scenarios: all.slice(0, 2) };
    const [partial] = parse(renderConformanceReport(missingOne, { upstream })).profiles;
    assert.deepEqual(partial.core, { result: 'partial', statistics: { Passed: 2, Failed: 0, Skipped: 1 }, skippedTests: ['GatewayInvalidRouteKind'] });

    // A core test skipped because a core feature was declared unsupported did not run: partial, named.
    const notRun = { ...run, scenarios: [...all.slice(0, 2), scenario('GatewayInvalidRouteKind', 'skipped', ['Gateway'], 'unsupported-feature')] };
    assert.deepEqual(parse(renderConformanceReport(notRun, { upstream })).profiles[0].core.skippedTests, ['GatewayInvalidRouteKind']);
  });

  it('leaves extended tests skipped for an unsupported feature uncounted, naming the feature', () => {
    const run = { ...sampleRun(), supportedFeatures: { all: false, features: ['Gateway', 'HTTPRoute', 'GatewayPort8080'], source: '--supported-features' }, scenarios: [scenario('HTTPRouteSimpleSameNamespace', 'passed'), scenario('HTTPRouteRequestMirror', 'skipped', ['Gateway', 'HTTPRoute', 'HTTPRouteRequestMirror'], 'unsupported-feature')] };
    const [profile] = parse(renderConformanceReport(run, { upstream })).profiles;
    assert.deepEqual(profile.extended, {
      result: 'partial',
      statistics: { Passed: 0, Failed: 0, Skipped: 0 },
      supportedFeatures: ['GatewayPort8080'],
      unsupportedFeatures: ['HTTPRouteRequestMirror'],
    });
  });

  it("lists the profile's extended features as supported or not from the run's supported features, as upstream does", () => {
    const run = { ...sampleRun(), supportedFeatures: { all: true, features: [], source: '--all-features' } };
    const [profile] = parse(renderConformanceReport(run, { upstream })).profiles;
    assert.deepEqual(profile.extended.supportedFeatures, ['GatewayPort8080', 'HTTPRouteRequestMirror']);
    assert.equal(profile.extended.unsupportedFeatures, undefined);
  });

  it("counts a test in every profile of the run that holds its upstream features, core where they are all core there", () => {
    const tls = (name: string, features: string[]) => ({ ...scenario(name, 'passed', features), profile: 'GATEWAY-TLS' });
    const run = {
      ...sampleRun(),
      scenarios: [
        scenario('HTTPRouteSimpleSameNamespace', 'passed'),
        scenario('HTTPRouteHeaderMatching', 'passed'),
        scenario('GatewayInvalidRouteKind', 'passed', ['Gateway']),
        tls('TLSRouteSimpleSameNamespace', ['Gateway', 'TLSRoute']),
        // The scenario needs more than upstream's test does; upstream's features decide: core.
        tls('TLSRouteListenerTerminateNotSupported', ['Gateway', 'TLSRoute', 'TLSRouteModeTerminate']),
      ],
    };
    const [http, tlsProfile] = parse(renderConformanceReport(run, { upstream })).profiles;
    assert.equal(http.name, 'GATEWAY-HTTP');
    assert.deepEqual(http.core, { result: 'success', statistics: { Passed: 3, Failed: 0, Skipped: 0 } });
    assert.equal(tlsProfile.name, 'GATEWAY-TLS');
    // GatewayInvalidRouteKind (Gateway only) counts here too; the HTTPRoute tests do not.
    assert.deepEqual(tlsProfile.core, { result: 'success', statistics: { Passed: 3, Failed: 0, Skipped: 0 } });
    assert.equal(tlsProfile.extended, undefined);
  });

  it('does not call the features of a scenario skipped for the run channel unsupported', () => {
    const run = { ...sampleRun(), supportedFeatures: { all: false, features: ['Gateway', 'HTTPRoute', 'HTTPRouteRequestMirror'], source: 'GatewayClass' } };
    for (const item of run.scenarios) if (item.outcome === 'skipped') item.skippedBecause = 'channel';
    const [profile] = parse(renderConformanceReport(run, { upstream })).profiles;
    assert.deepEqual(profile.extended.skippedTests, ['HTTPRouteRequestMirror']);
    assert.deepEqual(profile.extended.unsupportedFeatures, ['GatewayPort8080'], 'only what the implementation does not support');
  });

  it("names the file as upstream does: <channel>-<implementation version>-<mode>-report.yaml", () => {
    assert.equal(conformanceReportFileName(sampleRun()), 'standard-v0.1.0-default-report.yaml');
    assert.equal(conformanceReportFileName({ ...sampleRun(), implementation: { ...sampleRun().implementation, version: 'v1/2' } }, { mode: 'm' }), 'standard-v1_2-m-report.yaml');
  });
});

describe("upstream's conformance tests (derived from the gateway-api v1.6.1 source)", () => {
  it('has 37 core tests for GATEWAY-HTTP, among them tests that need only Gateway, and marks provisional ones', () => {
    const core = coreTestsOf('GATEWAY-HTTP');
    assert.equal(core.length, 37);
    assert.ok(core.includes('HTTPRouteSimpleSameNamespace') && core.includes('GatewayInvalidRouteKind'));
    assert.ok(!core.includes('HTTPRouteRequestMirror'), 'an extended test is not core');
    assert.ok(upstreamTests().tests.find((test) => test.name === 'HTTPRoute303Redirect')?.provisional);
  });

  it("has each profile's extended features: Gateway's everywhere, the route kind's own, BackendTLSPolicy's in GATEWAY-HTTP", () => {
    const extended = upstreamTests().extendedFeatures ?? {};
    for (const profile of ['GATEWAY-HTTP', 'GATEWAY-TLS', 'GATEWAY-TCP', 'GATEWAY-UDP', 'GATEWAY-GRPC']) assert.ok(extended[profile]?.includes('GatewayPort8080'), profile);
    assert.ok(extended['GATEWAY-HTTP']?.includes('HTTPRouteRequestMirror') && extended['GATEWAY-HTTP']?.includes('BackendTLSPolicy'));
    assert.ok(extended['GATEWAY-TLS']?.includes('TLSRouteModeTerminate') && !extended['GATEWAY-TLS']?.includes('HTTPRouteRequestMirror'));
    assert.ok(extended['MESH-HTTP']?.includes('MeshClusterIPMatching'));
  });
});
