import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { renderConformanceReport } from '../../../harness/report/conformance-report.ts';
import { sampleRun } from './sample-run.ts';

describe('renderConformanceReport', () => {
  it('writes the upstream ConformanceReport shape with core and extended results', () => {
    const report = parse(renderConformanceReport(sampleRun()));
    assert.equal(report.apiVersion, 'gateway.networking.k8s.io/v1');
    assert.equal(report.kind, 'ConformanceReport');
    assert.equal(report.date, '2026-11-26T05:41:30.500Z');
    assert.equal(report.gatewayAPIVersion, 'v1.6.1');
    assert.equal(report.gatewayAPIChannel, 'standard');
    assert.equal(report.mode, 'default');
    assert.deepEqual(report.implementation, { organization: 'gauntlet', project: 'reference-impl', url: 'https://example.com/gauntlet', version: 'v0.1.0', contact: ['@gauntlet/maintainers'] });
    assert.equal(report.profiles.length, 1);
    const [profile] = report.profiles;
    assert.equal(profile.name, 'GATEWAY-HTTP');
    // The load scenario has no upstream test: it is not counted.
    assert.deepEqual(profile.core, { result: 'failure', statistics: { Passed: 1, Failed: 1, Skipped: 0 }, failedTests: ['HTTPRouteHeaderMatching'] });
    assert.deepEqual(profile.extended, {
      result: 'partial',
      statistics: { Passed: 0, Failed: 0, Skipped: 1 },
      skippedTests: ['HTTPRouteRequestMirror'],
      unsupportedFeatures: ['HTTPRouteRequestMirror'],
    });
    assert.match(profile.summary, /^Core tests failed with 1 test failures and 0 skipped\. Extended tests partially succeeded/);
  });

  it('reports success when every core test passed, and honours the mode', () => {
    const run = sampleRun();
    run.scenarios = run.scenarios.filter((scenario) => scenario.outcome === 'passed');
    const report = parse(renderConformanceReport(run, { mode: 'gateway-per-test' }));
    assert.equal(report.mode, 'gateway-per-test');
    assert.deepEqual(report.profiles[0].core, { result: 'success', statistics: { Passed: 1, Failed: 0, Skipped: 0 } });
    assert.equal(report.profiles[0].extended, undefined);
    assert.equal(report.profiles[0].summary, 'Core tests succeeded.');
  });

  it('does not call the features of a scenario skipped for the run channel unsupported', () => {
    const run = sampleRun();
    for (const scenario of run.scenarios) if (scenario.outcome === 'skipped') scenario.skippedBecause = 'channel';
    const [profile] = parse(renderConformanceReport(run)).profiles;
    assert.deepEqual(profile.extended.skippedTests, ['HTTPRouteRequestMirror']);
    assert.equal(profile.extended.unsupportedFeatures, undefined);
  });
});
