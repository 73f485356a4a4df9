// The upstream Gateway API ConformanceReport (apiVersion gateway.networking.k8s.io/v1, kind ConformanceReport),
// so a run against any implementation can be submitted and compared with published reports. Only its fields
// are written, so upstream's tooling reads it as one of its own.
//
// Honest by construction: a profile's core result is `success` only when every core test upstream has for that
// profile (upstream-conformance/, derived from the pinned release) ran and passed. A core test with no Gauntlet
// scenario, or one not run (not selected, or its feature declared unsupported), is counted as skipped and named
// in skippedTests, so the result is `partial` and says what is missing. Extended tests follow upstream: one
// skipped for an unsupported feature is not counted. As upstream's suite does, a test counts in every profile
// of the run whose core and extended features hold all of its (upstream's) features, so a test needing only
// Gateway counts in each Gateway profile; it is core there when they are all core features of that profile.
// supportedFeatures and unsupportedFeatures list the profile's extended features the implementation does and
// does not support (the run's supported features), as upstream lists them.
//
//   renderConformanceReport(run, options?): string (YAML)   buildConformanceReport(run, options?): ConformanceReport
//   conformanceReportFileName(run, options?): string        <channel>-<implementation version>-<mode>-report.yaml
import { stringify } from 'yaml';
import type { RunResult, ScenarioResult } from './run-result.ts';
import { coreTestsOf, profilesOfTest, type UpstreamConformanceTests, upstreamTest, upstreamTests } from './upstream-conformance/upstream-tests.ts';

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

/** The features upstream's test needs (what decides its profiles and whether it is core), else the scenario's. */
function testFeatures(scenario: ScenarioResult, upstream: UpstreamConformanceTests): string[] {
  return upstreamTest(testName(scenario), upstream)?.features ?? scenario.features;
}

/** The profile's extended features the implementation supports and does not, as upstream lists them. */
function extendedFeatureLists(profile: string, run: RunResult, upstream: UpstreamConformanceTests, scenarios: ScenarioResult[]): Pick<ExtendedConformanceStatus, 'supportedFeatures' | 'unsupportedFeatures'> {
  const extended = upstream.extendedFeatures?.[profile] ?? [];
  const supported = run.supportedFeatures;
  // Older results without the run's supported features: what the run itself shows.
  const ran = new Set(scenarios.filter((scenario) => scenario.outcome !== 'skipped').flatMap((scenario) => scenario.features));
  const isSupported = (feature: string) => (supported === undefined ? ran.has(feature) : supported.all || supported.features.includes(feature));
  const lists: Pick<ExtendedConformanceStatus, 'supportedFeatures' | 'unsupportedFeatures'> = {};
  const yes = extended.filter(isSupported).sort();
  const no = extended.filter((feature) => !isSupported(feature)).sort();
  if (yes.length > 0) lists.supportedFeatures = yes;
  if (no.length > 0) lists.unsupportedFeatures = no;
  return lists;
}

function extendedStatus(scenarios: ScenarioResult[], features: Pick<ExtendedConformanceStatus, 'supportedFeatures' | 'unsupportedFeatures'>): ExtendedConformanceStatus {
  const unsupportedSkip = (scenario: ScenarioResult) => scenario.outcome === 'skipped' && scenario.skippedBecause === 'unsupported-feature';
  const counted = scenarios.filter((scenario) => !unsupportedSkip(scenario));
  return { ...statusOf(named(counted, 'passed'), named(counted, 'failed'), named(counted, 'skipped')), ...features };
}

function describe(label: string, part: ConformanceStatus): string {
  if (part.result === 'success') return `${label} tests succeeded.`;
  const verb = part.result === 'partial' ? 'partially succeeded' : 'failed';
  return `${label} tests ${verb} with ${part.statistics.Failed} test failures and ${part.statistics.Skipped} skipped.`;
}

function profileReport(name: string, run: RunResult, scenarios: ScenarioResult[], upstream: UpstreamConformanceTests): ProfileReport {
  const coreFeatures = upstream.profiles[name] ?? ['Gateway'];
  const isCore = (scenario: ScenarioResult) => testFeatures(scenario, upstream).every((feature) => coreFeatures.includes(feature));
  const core = coreStatus(scenarios.filter(isCore), coreTestsOf(name, upstream));
  const report: ProfileReport = { name, summary: '', core: core.status };
  const extendedScenarios = scenarios.filter((scenario) => !isCore(scenario));
  if (extendedScenarios.length > 0) report.extended = extendedStatus(extendedScenarios, extendedFeatureLists(name, run, upstream, scenarios));
  const missing =
    core.missing.length > 0
      ? ` ${core.missing.length} of upstream's ${coreTestsOf(name, upstream).length} core tests were not run, no scenario of this run mirroring them (listed as skipped).`
      : '';
  report.summary = `${describe('Core', report.core)}${missing}${report.extended ? ` ${describe('Extended', report.extended)}` : ''}`;
  return report;
}

/** The run's scenarios that count in a profile: those declaring it, and those whose upstream test belongs to it. */
function scenariosOfProfile(profile: string, profiles: string[], scenarios: ScenarioResult[], upstream: UpstreamConformanceTests): ScenarioResult[] {
  return scenarios.filter((scenario) => scenario.profile === profile || profilesOfTest(testFeatures(scenario, upstream), profiles, upstream).includes(profile));
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
    profiles: profiles.map((name) => profileReport(name, run, scenariosOfProfile(name, profiles, conformance, upstream), upstream)),
  };
}

export function renderConformanceReport(run: RunResult, options: ConformanceReportOptions = {}): string {
  return stringify(buildConformanceReport(run, options), { lineWidth: 0 });
}
