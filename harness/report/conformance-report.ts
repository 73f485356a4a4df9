// The upstream Gateway API ConformanceReport (apiVersion gateway.networking.k8s.io/v1, kind ConformanceReport),
// so a run against any implementation can be submitted and compared with published reports.
// Only scenarios that mirror an upstream conformance test (conformanceTest set) are counted; load scenarios
// are not conformance tests. Per profile, a scenario is "core" when all its features are the profile's core
// features, else "extended".
//
//   renderConformanceReport(run: RunResult, options?: ConformanceReportOptions): string   (YAML)
//   buildConformanceReport(run, options?): ConformanceReport                               (the object)
import { stringify } from 'yaml';
import { countOutcomes, type RunResult, type ScenarioResult } from './run-result.ts';

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
}

/** Features every implementation of a profile must support (upstream's core feature sets). */
const coreFeatures: Record<string, readonly string[]> = {
  'GATEWAY-HTTP': ['Gateway', 'HTTPRoute', 'ReferenceGrant'],
  'GATEWAY-TLS': ['Gateway', 'TLSRoute', 'ReferenceGrant'],
  'GATEWAY-GRPC': ['Gateway', 'GRPCRoute', 'ReferenceGrant'],
  'MESH-HTTP': ['Mesh', 'HTTPRoute'],
  'MESH-GRPC': ['Mesh', 'GRPCRoute'],
};

function testName(scenario: ScenarioResult): string {
  return scenario.conformanceTest ?? scenario.id;
}

function status(scenarios: ScenarioResult[]): ConformanceStatus {
  const counts = countOutcomes(scenarios);
  const result: ConformanceResult = counts.failed > 0 ? 'failure' : counts.skipped > 0 || scenarios.length === 0 ? 'partial' : 'success';
  const report: ConformanceStatus = { result, statistics: { Passed: counts.passed, Failed: counts.failed, Skipped: counts.skipped } };
  const skipped = scenarios.filter((scenario) => scenario.outcome === 'skipped').map(testName);
  const failed = scenarios.filter((scenario) => scenario.outcome === 'failed').map(testName);
  if (skipped.length > 0) report.skippedTests = skipped.sort();
  if (failed.length > 0) report.failedTests = failed.sort();
  return report;
}

function extendedFeatures(scenarios: ScenarioResult[], core: readonly string[]): string[] {
  return [...new Set(scenarios.flatMap((scenario) => scenario.features.filter((feature) => !core.includes(feature))))].sort();
}

function summaryOf(core: ConformanceStatus, extended: ConformanceStatus | undefined): string {
  const describe = (label: string, part: ConformanceStatus) =>
    part.result === 'success' ? `${label} tests succeeded.` : `${label} tests ${part.result === 'partial' ? 'partially succeeded' : 'failed'} with ${part.statistics.Failed} test failures and ${part.statistics.Skipped} skipped.`;
  return extended ? `${describe('Core', core)} ${describe('Extended', extended)}` : describe('Core', core);
}

function profileReport(name: string, scenarios: ScenarioResult[]): ProfileReport {
  const core = coreFeatures[name] ?? ['Gateway'];
  const isCore = (scenario: ScenarioResult) => scenario.features.every((feature) => core.includes(feature));
  const coreStatus = status(scenarios.filter(isCore));
  const extendedScenarios = scenarios.filter((scenario) => !isCore(scenario));
  const report: ProfileReport = { name, summary: '', core: coreStatus };
  if (extendedScenarios.length > 0) {
    const ran = extendedScenarios.filter((scenario) => scenario.outcome !== 'skipped');
    const supported = extendedFeatures(ran, core);
    // Only a skip for a feature the implementation lacks says it is unsupported: one for the run's channel or an
    // interrupted run says nothing about the implementation.
    const notSupported = extendedScenarios.filter((scenario) => scenario.outcome === 'skipped' && scenario.skippedBecause !== 'channel' && scenario.skippedBecause !== 'interrupted');
    const unsupported = extendedFeatures(notSupported, core).filter((feature) => !supported.includes(feature));
    const extended: ExtendedConformanceStatus = status(extendedScenarios);
    if (supported.length > 0) extended.supportedFeatures = supported;
    if (unsupported.length > 0) extended.unsupportedFeatures = unsupported;
    report.extended = extended;
  }
  report.summary = summaryOf(report.core, report.extended);
  return report;
}

export function buildConformanceReport(run: RunResult, options: ConformanceReportOptions = {}): ConformanceReport {
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
    profiles: profiles.map((name) => profileReport(name, conformance.filter((scenario) => scenario.profile === name))),
  };
}

export function renderConformanceReport(run: RunResult, options: ConformanceReportOptions = {}): string {
  return stringify(buildConformanceReport(run, options), { lineWidth: 0 });
}
