// The upstream Gateway API ConformanceReport (apiVersion gateway.networking.k8s.io/v1, kind ConformanceReport),
// so a run against any implementation can be submitted and compared with published reports. Only its fields
// are written, so upstream's tooling reads it as one of its own.
//
// Honest by construction: a profile's core result is `success` only when every core test upstream has for that
// profile (upstream-conformance/, derived from the pinned release) ran and passed. A core test with no Gauntlet
// scenario, or one not run (not selected, or its feature declared unsupported), is counted as skipped and named
// in skippedTests, so the result is `partial` and says what is missing. Extended tests follow upstream: one
// skipped for an unsupported feature is not counted, its feature listed in unsupportedFeatures.
//
//   renderConformanceReport(run, options?): string (YAML)   buildConformanceReport(run, options?): ConformanceReport
//   conformanceReportFileName(run, options?): string        <channel>-<implementation version>-<mode>-report.yaml
import { stringify } from 'yaml';
import type { RunResult, ScenarioResult } from './run-result.ts';
import { coreTestsOf, type UpstreamConformanceTests, upstreamTests } from './upstream-conformance/upstream-tests.ts';

export type ConformanceResult = 'success' | 'partial' | 'failure';

export interface ConformanceStatus {
  result: ConformanceResult;
  statistics: { Passed: number; Failed: number; Skipped: number };
  skippedTests?: string[];
  failedTests?: string[];
}

export interface ExtendedConformanceStatus extends ConformanceStatus {
  supportedFeatures?: string[];
  unsupportedFeatures?: string[];
}

export interface ProfileReport {
  name: string;
  summary: string;
  core: ConformanceStatus;
  extended?: ExtendedConformanceStatus;
}

export interface ConformanceReport {
  apiVersion: 'gateway.networking.k8s.io/v1';
  kind: 'ConformanceReport';
  date: string;
  gatewayAPIVersion: string;
  gatewayAPIChannel: string;
  implementation: RunResult['implementation'];
  mode: string;
  profiles: ProfileReport[];
}

export interface ConformanceReportOptions {
  /** Upstream's operating mode name; default "default". */
  mode?: string;
  /** Upstream's tests of the release (default: the pinned v1.6.1 data). */
  upstream?: UpstreamConformanceTests;
}

/** Upstream's file name: `<channel>-<implementation version>-<mode>-report.yaml`, unsafe characters replaced. */
export function conformanceReportFileName(run: RunResult, options: ConformanceReportOptions = {}): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '_') || 'unknown';
  return `${safe(run.gatewayAPI.channel)}-${safe(run.implementation.version)}-${safe(options.mode ?? 'default')}-report.yaml`;
}

const testName = (scenario: ScenarioResult) => scenario.conformanceTest ?? scenario.id;

function resultOf(statistics: ConformanceStatus['statistics']): ConformanceResult {
  if (statistics.Failed > 0) return 'failure';
  return statistics.Skipped > 0 || statistics.Passed === 0 ? 'partial' : 'success';
}

function statusOf(passed: string[], failed: string[], skipped: string[]): ConformanceStatus {
  const statistics = { Passed: passed.length, Failed: failed.length, Skipped: skipped.length };
  const status: ConformanceStatus = { result: resultOf(statistics), statistics };
  if (skipped.length > 0) status.skippedTests = [...skipped].sort();
  if (failed.length > 0) status.failedTests = [...failed].sort();
  return status;
}

const named = (scenarios: ScenarioResult[], outcome: ScenarioResult['outcome']) => scenarios.filter((s) => s.outcome === outcome).map(testName);

/** Core: every upstream core test of the profile; those without a run scenario count as skipped. */
function coreStatus(scenarios: ScenarioResult[], coreTests: readonly string[]): { status: ConformanceStatus; missing: string[] } {
  const missing = coreTests.filter((name) => !scenarios.some((scenario) => testName(scenario) === name && scenario.outcome !== 'skipped'));
  const skipped = [...new Set([...named(scenarios, 'skipped'), ...missing])];
  return { status: statusOf(named(scenarios, 'passed'), named(scenarios, 'failed'), skipped), missing: missing.filter((name) => !scenarios.some((s) => testName(s) === name)) };
}

function extendedStatus(scenarios: ScenarioResult[], core: readonly string[]): ExtendedConformanceStatus {
  const unsupportedSkip = (scenario: ScenarioResult) => scenario.outcome === 'skipped' && scenario.skippedBecause === 'unsupported-feature';
  const counted = scenarios.filter((scenario) => !unsupportedSkip(scenario));
  const status: ExtendedConformanceStatus = statusOf(named(counted, 'passed'), named(counted, 'failed'), named(counted, 'skipped'));
  const featuresOf = (list: ScenarioResult[]) => [...new Set(list.flatMap((scenario) => scenario.features.filter((feature) => !core.includes(feature))))].sort();
  const supported = featuresOf(counted.filter((scenario) => scenario.outcome !== 'skipped'));
  const unsupported = featuresOf(scenarios.filter(unsupportedSkip)).filter((feature) => !supported.includes(feature));
  if (supported.length > 0) status.supportedFeatures = supported;
  if (unsupported.length > 0) status.unsupportedFeatures = unsupported;
  return status;
}

function describe(label: string, part: ConformanceStatus): string {
  if (part.result === 'success') return `${label} tests succeeded.`;
  const verb = part.result === 'partial' ? 'partially succeeded' : 'failed';
  return `${label} tests ${verb} with ${part.statistics.Failed} test failures and ${part.statistics.Skipped} skipped.`;
}

function profileReport(name: string, scenarios: ScenarioResult[], upstream: UpstreamConformanceTests): ProfileReport {
  const coreFeatures = upstream.profiles[name] ?? ['Gateway'];
  const isCore = (scenario: ScenarioResult) => scenario.features.every((feature) => coreFeatures.includes(feature));
  const core = coreStatus(scenarios.filter(isCore), coreTestsOf(name, upstream));
  const report: ProfileReport = { name, summary: '', core: core.status };
  const extendedScenarios = scenarios.filter((scenario) => !isCore(scenario));
  if (extendedScenarios.length > 0) report.extended = extendedStatus(extendedScenarios, coreFeatures);
  const missing =
    core.missing.length > 0
      ? ` ${core.missing.length} of upstream's ${coreTestsOf(name, upstream).length} core tests were not run, no scenario of this run mirroring them (listed as skipped).`
      : '';
  report.summary = `${describe('Core', report.core)}${missing}${report.extended ? ` ${describe('Extended', report.extended)}` : ''}`;
  return report;
}

/**
 * A scenario counts for its own profile, and for every other profile upstream lists its test among the core tests
 * of (the Gateway tests, GatewaySecret* among them, are core to GATEWAY-HTTP and GATEWAY-TLS alike).
 */
function inProfile(scenario: ScenarioResult, profile: string, upstream: UpstreamConformanceTests): boolean {
  return scenario.profile === profile || (scenario.conformanceTest !== undefined && coreTestsOf(profile, upstream).includes(scenario.conformanceTest));
}

export function buildConformanceReport(run: RunResult, options: ConformanceReportOptions = {}): ConformanceReport {
  const upstream = options.upstream ?? upstreamTests();
  const conformance = run.scenarios.filter((scenario) => scenario.conformanceTest !== undefined);
  const profiles = [...new Set(conformance.map((scenario) => scenario.profile))].sort();
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'ConformanceReport',
    date: run.finishedAt,
    gatewayAPIVersion: run.gatewayAPI.version,
    gatewayAPIChannel: run.gatewayAPI.channel,
    implementation: run.implementation,
    mode: options.mode ?? 'default',
    profiles: profiles.map((name) => profileReport(name, conformance.filter((scenario) => inProfile(scenario, name, upstream)), upstream)),
  };
}

export function renderConformanceReport(run: RunResult, options: ConformanceReportOptions = {}): string {
  return stringify(buildConformanceReport(run, options), { lineWidth: 0 });
}
