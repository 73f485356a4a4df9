// The main job: load scenarios, bring up the environment, run the suites, write every report, stop everything.
// Scenario files are checked before anything starts, so a typo costs a second, not a cluster start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenarioSuites } from '../../suites/run-suites.ts';
import type { ScenarioRecord } from '../../suites/step-collector.ts';
import { createScenarioSteps } from '../../suites/steps/scenario-steps.ts';
import type { GatewayApiChannel } from '../kube/gateway-api-crds.ts';
import type { ControlPlaneResult } from '../load/control-plane-result.ts';
import type { LoadResult } from '../load/load-result.ts';
import { writeRunFolder } from '../report/run-folder.ts';
import { countOutcomes, type ImplementationInfo, RESULTS_SCHEMA_VERSION, type RunResult, type ScenarioResult } from '../report/run-result.ts';
import { formatSummaryTable } from '../report/summary-table.ts';
import { isProvisional } from '../report/upstream-conformance/upstream-tests.ts';
import type { LoadProfile } from '../scenario/load-scenarios.ts';
import type { Scenario } from '../scenario/scenario-types.ts';
import { loadBaseFixtureFor } from './base-fixture.ts';
import { type ChannelSkip, selectForChannel } from './channel-selection.ts';
import type { ContainerClusterChoice } from './container-cluster-choice.ts';
import { UPSTREAM_ECHO_IMAGE, withEchoImage } from './echo-image.ts';
import { type ClusterChoice, prepareEnvironment } from './environment.ts';
import { declaredFeatures, type FeatureSelectionOptions, type FeatureSkip, needsDeclaredFeatures, selectForFeatures } from './feature-selection.ts';
import type { Progress } from './progress.ts';
import { projectRoot } from './project-paths.ts';
import { referenceVariant } from './reference-variants.ts';
import { newRunId } from './run-id.ts';
import { selectScenarios } from './select-scenarios.ts';

export interface RunGauntletOptions {
  scenariosRoot: string;
  /** Scenario ids or paths; empty: every scenario under scenariosRoot. */
  scenarios: string[];
  gatewayClassName: string;
  /** The class's spec.controllerName, for scenarios that create a GatewayClass; known for the reference class. */
  gatewayControllerName?: string;
  /** The Gateway API release channel whose CRDs the run installs; default standard. */
  channel?: GatewayApiChannel;
  cluster: RunClusterChoice;
  reportsRoot: string;
  /** Which scenarios the implementation is asked to run (supported features, --run, --skip, ...). */
  features?: FeatureSelectionOptions;
  /** Who made the implementation, for the ConformanceReport (--organization, --project, --url, --version, --contact). */
  implementation?: Partial<ImplementationInfo>;
  /** Upstream's operating mode name for the ConformanceReport (--mode). */
  mode?: string;
  /** The base fixture's backend image on clusters other than the local one; default upstream's echo-basic. */
  echoImage?: string;
  progress: Progress;
  /** The run profile load scenarios take their sizes from; default smoke. */
  profile?: LoadProfile;
}

/** The cluster of a run: a cluster the run starts gets its state folder inside the run's report folder. */
export type RunClusterChoice = { provider: 'local' } | { provider: 'kubeconfig'; kubeconfigPath: string } | Omit<ContainerClusterChoice, 'stateDir'>;

export interface RunOutcome {
  run: RunResult;
  reportDir: string;
  passed: boolean;
}

export async function runGauntlet(options: RunGauntletOptions): Promise<RunOutcome> {
  const { progress } = options;
  const runId = newRunId();
  const startedAt = new Date();
  const channel = options.channel ?? 'standard';
  const { runnable: scenarios, skipped } = await progress.step('load scenarios', async () => {
    const gatewayControllerName = options.gatewayControllerName ?? referenceVariant(options.gatewayClassName)?.controllerName;
    const loaded = await selectScenarios(options.scenariosRoot, options.scenarios, {
      gatewayClassName: options.gatewayClassName,
      gatewayControllerName,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    });
    const selection = selectForChannel(loaded, channel);
    progress.info(`  ${selection.runnable.length} scenarios: ${selection.runnable.map((scenario) => scenario.id).join(', ')}`);
    for (const skip of selection.skipped) progress.info(`  skipped ${skip.scenario.id}: ${skip.reason}`);
    return selection;
  });
  const fixture = await loadBaseFixtureFor(options.gatewayClassName);
  // On a real cluster the backends run upstream's echo image (or --echo-image), so results compare with upstream's.
  const baseFixture = options.cluster.provider === 'local' ? fixture : withEchoImage(fixture, options.echoImage ?? UPSTREAM_ECHO_IMAGE);
  const runDir = join(options.reportsRoot, runId);
  const environment = await prepareEnvironment({
    cluster: clusterFor(options.cluster, join(runDir, 'cluster')),
    gatewayClassName: options.gatewayClassName,
    channel,
    baseFixture,
    progress,
  });
  const loads = new Map<Scenario, LoadResult[]>();
  const controlPlane = new Map<Scenario, ControlPlaneResult>();
  let records: ScenarioRecord[];
  let featureSkips: FeatureSkip[] = [];
  let ran: Scenario[] = [];
  let supportedFeatures: RunResult['supportedFeatures'];
  try {
    const featureOptions = options.features ?? {};
    const declared = needsDeclaredFeatures(featureOptions)
      ? {
          features: declaredFeatures(
            (await environment.kube.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', name: options.gatewayClassName })) as { status?: { supportedFeatures?: unknown } } | undefined,
          ),
          source: `GatewayClass ${options.gatewayClassName} status.supportedFeatures`,
        }
      : undefined;
    const selection = selectForFeatures(scenarios, featureOptions, declared, isProvisional);
    const supported = selection.supported.features;
    supportedFeatures = { all: supported === 'all', features: supported === 'all' ? [] : supported, source: selection.supported.source };
    progress.info(`  supported features (${selection.supported.source}): ${supported === 'all' ? 'all' : supported.join(', ') || 'none'}`);
    if (selection.leftOut.length > 0) progress.info(`  left out by --profiles: ${selection.leftOut.map((scenario) => scenario.id).join(', ')}`);
    for (const skip of selection.skipped) progress.info(`  skipped ${skip.scenario.id}: ${skip.reason}`);
    featureSkips = selection.skipped;
    ran = selection.runnable;
    const steps = createScenarioSteps({
      kube: environment.kube,
      cluster: environment.cluster,
      onLoadResult: (scenario, result) => loads.set(scenario, [...(loads.get(scenario) ?? []), result]),
      onControlPlaneResult: (scenario, result) => controlPlane.set(scenario, { ...controlPlane.get(scenario), ...result }),
      report: progress.info,
    });
    records = await runScenarioSuites(ran, steps, progress.info);
  } finally {
    // A cluster the run did not start (kubeconfig) is left as it was; stop() is a no-op for it.
    if (environment.cluster.provider === 'kubeconfig') await environment.cluster.stop();
    else await progress.step(`stop the ${environment.cluster.provider} cluster`, () => environment.cluster.stop());
  }
  const run: RunResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    cluster: { provider: environment.cluster.provider },
    implementation: { ...implementationInfo(options.gatewayClassName), ...options.implementation },
    gatewayClass: options.gatewayClassName,
    gatewayAPI: { version: environment.crds.version, channel: environment.crds.channel },
    ...(options.mode === undefined ? {} : { mode: options.mode }),
    ...(supportedFeatures === undefined ? {} : { supportedFeatures }),
    loadProfile: options.profile ?? 'smoke',
    scenarios: [
      ...records.map((record) => scenarioResult(record, loads.get(record.scenario) ?? [], controlPlane.get(record.scenario))),
      ...skipped.map(skippedResult),
      ...featureSkips.map(featureSkippedResult),
    ],
  };
  const written = await writeRunFolder(run, options.reportsRoot);
  progress.info(formatSummaryTable(run));
  progress.info(`reports: ${written.files.map((file) => file.replace(`${options.reportsRoot}/`, '')).join(', ')} in ${written.dir}`);
  const counts = countOutcomes(run.scenarios);
  return { run, reportDir: written.dir, passed: counts.failed === 0 && counts.passed === ran.length };
}

function clusterFor(choice: RunClusterChoice, stateDir: string): ClusterChoice {
  if (choice.provider === 'local') return { provider: 'local', stateDir };
  if (choice.provider === 'kubeconfig') return choice;
  return { ...choice, stateDir };
}

function scenarioResult(record: ScenarioRecord, loadRuns: LoadResult[], measured: ControlPlaneResult | undefined): ScenarioResult {
  const { scenario } = record;
  const failed = record.steps.some((step) => step.outcome === 'failed');
  const result: ScenarioResult = {
    id: scenario.id,
    description: scenario.description,
    profile: scenario.profile,
    features: scenario.features,
    outcome: failed ? 'failed' : 'passed',
    durationMs: record.durationMs,
    steps: record.steps,
  };
  if (scenario.conformanceTest) result.conformanceTest = scenario.conformanceTest;
  const [first] = loadRuns;
  if (first) {
    result.load = first;
    result.loads = loadRuns;
  }
  if (measured) result.controlPlane = measured;
  return result;
}

/** A scenario the run's channel cannot run: skipped, with the reason as its one step. */
function skippedResult({ scenario, reason }: ChannelSkip): ScenarioResult {
  const result: ScenarioResult = {
    id: scenario.id,
    description: scenario.description,
    profile: scenario.profile,
    features: scenario.features,
    outcome: 'skipped',
    skippedBecause: 'channel',
    durationMs: 0,
    steps: [{ name: `channel ${scenario.channel}`, outcome: 'skipped', durationMs: 0, message: reason }],
  };
  if (scenario.conformanceTest) result.conformanceTest = scenario.conformanceTest;
  return result;
}

/** A scenario the implementation was not asked to run: skipped, with the reason (the feature it lacks) as its one step. */
function featureSkippedResult({ scenario, because, reason }: FeatureSkip): ScenarioResult {
  const result: ScenarioResult = {
    id: scenario.id,
    description: scenario.description,
    profile: scenario.profile,
    features: scenario.features,
    outcome: 'skipped',
    skippedBecause: because,
    durationMs: 0,
    steps: [{ name: because === 'unsupported-feature' ? 'supported features' : 'selection', outcome: 'skipped', durationMs: 0, message: reason }],
  };
  if (scenario.conformanceTest) result.conformanceTest = scenario.conformanceTest;
  return result;
}

function implementationInfo(gatewayClassName: string): ImplementationInfo {
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const variant = referenceVariant(gatewayClassName);
  if (variant) {
    return { organization: 'gateway-gauntlet', project: variant.deviation ? `gauntlet-reference-altered-${variant.deviation}` : 'gauntlet-reference', url: '', version, contact: [] };
  }
  return { organization: 'unknown', project: `gatewayclass/${gatewayClassName}`, url: '', version: 'unknown', contact: [] };
}
