// The main job: load scenarios, bring up the environment, run the suites, write every report, stop everything.
// Scenario files are checked before anything starts, so a typo costs a second, not a cluster start. An aborted
// `signal` (Ctrl-C) stops traffic and the scenario under way, tears down, and still writes the report of what ran.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenarioSuites } from '../../suites/run-suites.ts';
import { INTERRUPTED_STEP_SUFFIX } from '../../suites/scenario-suite.ts';
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
import { type StaticAddressFlagValues, splitLackingAddresses, staticAddressesFor } from './static-address-flags.ts';
import { runInterruptCleanups } from './stop-on-interrupt.ts';

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
  /** Aborted on Ctrl-C (its reason: the signal's name): the run winds down and reports what ran. */
  signal?: AbortSignal;
  /** The run profile load scenarios take their sizes from; default smoke. */
  profile?: LoadProfile;
  /** --usable-address and --unusable-address (the local cluster has defaults for both). */
  staticAddresses?: StaticAddressFlagValues;
}

/** The cluster of a run: a cluster the run starts gets its state folder inside the run's report folder. */
export type RunClusterChoice = { provider: 'local' } | { provider: 'kubeconfig'; kubeconfigPath: string } | Omit<ContainerClusterChoice, 'stateDir'>;

export interface RunOutcome {
  run: RunResult;
  reportDir: string;
  passed: boolean;
  /** The signal that interrupted the run. */
  interrupted?: string;
}

export async function runGauntlet(options: RunGauntletOptions): Promise<RunOutcome> {
  const { progress } = options;
  const runId = newRunId();
  const startedAt = new Date();
  const channel = options.channel ?? 'standard';
  const { runnable: scenarios, skipped, lackingAddresses } = await progress.step('load scenarios', async () => {
    const gatewayControllerName = options.gatewayControllerName ?? referenceVariant(options.gatewayClassName)?.controllerName;
    const loaded = await selectScenarios(options.scenariosRoot, options.scenarios, {
      gatewayClassName: options.gatewayClassName,
      gatewayControllerName,
      staticAddresses: await staticAddressesFor(options.staticAddresses ?? {}, options.cluster.provider === 'local'),
      ...(options.profile === undefined ? {} : { profile: options.profile }),
    });
    const selection = selectForChannel(loaded, channel);
    const addressed = splitLackingAddresses(selection.runnable);
    progress.info(`  ${addressed.runnable.length} scenarios: ${addressed.runnable.map((scenario) => scenario.id).join(', ')}`);
    for (const skip of [...selection.skipped, ...addressed.skipped]) progress.info(`  skipped ${skip.scenario.id}: ${skip.reason}`);
    return { runnable: addressed.runnable, skipped: selection.skipped, lackingAddresses: addressed.skipped };
  });
  const fixture = await loadBaseFixtureFor(options.gatewayClassName);
  // On a real cluster the backends run upstream's echo image (or --echo-image), so results compare with upstream's.
  const baseFixture = options.cluster.provider === 'local' ? fixture : withEchoImage(fixture, options.echoImage ?? UPSTREAM_ECHO_IMAGE);
  const runDir = join(options.reportsRoot, runId);
  const { signal } = options;
  // Interrupted while the environment comes up: stop what has started, so that setup fails now, not at a timeout.
  let settingUp = true;
  signal?.addEventListener('abort', () => settingUp && void runInterruptCleanups(), { once: true });
  let environment: Awaited<ReturnType<typeof prepareEnvironment>>;
  try {
    environment = await prepareEnvironment({
      cluster: clusterFor(options.cluster, join(runDir, 'cluster')),
      gatewayClassName: options.gatewayClassName,
      channel,
      baseFixture,
      progress,
    });
  } catch (error) {
    if (!signal?.aborted) throw error;
    return finishRun({
      ...options,
      runId,
      startedAt,
      records: [],
      loads: new Map(),
      controlPlane: new Map(),
      runnable: scenarios,
      skipped,
      featureSkips: lackingAddresses,
      supportedFeatures: undefined,
      crds: undefined,
      provider: options.cluster.provider,
    });
  }
  settingUp = false;
  const loads = new Map<Scenario, LoadResult[]>();
  const controlPlane = new Map<Scenario, ControlPlaneResult>();
  let records: ScenarioRecord[];
  let featureSkips: FeatureSkip[] = lackingAddresses;
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
    featureSkips = [...lackingAddresses, ...selection.skipped];
    ran = selection.runnable;
    const steps = createScenarioSteps({
      kube: environment.kube,
      cluster: environment.cluster,
      onLoadResult: (scenario, result) => loads.set(scenario, [...(loads.get(scenario) ?? []), result]),
      onControlPlaneResult: (scenario, result) => controlPlane.set(scenario, { ...controlPlane.get(scenario), ...result }),
      report: progress.info,
      onLoadProgress: (scenario, load) => progress.loadProgress?.(scenario.id, load),
      ...(signal ? { signal } : {}),
    });
    progress.scenariosPlanned?.(ran.length);
    const observer = { scenarioStarted: (scenario: Scenario) => progress.scenarioStarted?.(scenario.id), scenarioFinished: (scenario: Scenario, failed: boolean) => progress.scenarioFinished?.(scenario.id, failed) };
    records = signal?.aborted ? [] : await runScenarioSuites(ran, steps, progress.info, { observer, ...(signal ? { signal } : {}) });
  } finally {
    progress.scenariosDone?.();
    // A cluster the run did not start (kubeconfig) is left as it was; stop() is a no-op for it.
    if (environment.cluster.provider === 'kubeconfig') await environment.cluster.stop();
    else await progress.step(`stop the ${environment.cluster.provider} cluster`, () => environment.cluster.stop());
  }
  return finishRun({ ...options, runId, startedAt, records, loads, controlPlane, runnable: ran, skipped, featureSkips, supportedFeatures, crds: environment.crds, provider: environment.cluster.provider });
}

interface FinishedRun extends RunGauntletOptions {
  runId: string;
  startedAt: Date;
  records: ScenarioRecord[];
  loads: Map<Scenario, LoadResult[]>;
  controlPlane: Map<Scenario, ControlPlaneResult>;
  /** The scenarios the run set out to run (after the channel and feature selections). */
  runnable: Scenario[];
  skipped: ChannelSkip[];
  featureSkips: FeatureSkip[];
  /** What the feature selection found the implementation supports; undefined when interrupted before it. */
  supportedFeatures: RunResult['supportedFeatures'];
  /** Undefined when the run was interrupted before the CRDs were resolved. */
  crds: { version: string; channel: GatewayApiChannel } | undefined;
  provider: RunResult['cluster']['provider'];
}

/** The results of what ran (an interrupted run: the scenarios it did not reach as skipped), written as reports. */
async function finishRun(finished: FinishedRun): Promise<RunOutcome> {
  const { progress, records, loads, controlPlane, runnable: scenarios, skipped, featureSkips, runId, startedAt, signal } = finished;
  const interrupted = signal?.aborted ? String(signal.reason ?? 'SIGINT') : undefined;
  const reached = new Set(records.map((record) => record.scenario));
  const notReached = interrupted ? scenarios.filter((scenario) => !reached.has(scenario)) : [];
  const run: RunResult = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    cluster: { provider: finished.provider },
    implementation: { ...implementationInfo(finished.gatewayClassName), ...finished.implementation },
    gatewayClass: finished.gatewayClassName,
    gatewayAPI: { version: finished.crds?.version ?? 'unknown', channel: finished.crds?.channel ?? finished.channel ?? 'standard' },
    ...(finished.mode === undefined ? {} : { mode: finished.mode }),
    ...(finished.supportedFeatures === undefined ? {} : { supportedFeatures: finished.supportedFeatures }),
    loadProfile: finished.profile ?? 'smoke',
    scenarios: [
      ...records.map((record) => scenarioResult(record, loads.get(record.scenario) ?? [], controlPlane.get(record.scenario))),
      ...notReached.map((scenario) => interruptedResult(scenario, `not run: the run was interrupted (${interrupted}) before it`)),
      ...skipped.map(skippedResult),
      ...featureSkips.map(featureSkippedResult),
    ],
  };
  if (interrupted) run.interrupted = { signal: interrupted, at: new Date().toISOString() };
  const written = await writeRunFolder(run, finished.reportsRoot);
  progress.info(formatSummaryTable(run));
  progress.info(`${interrupted ? `partial report (interrupted by ${interrupted}): ` : ''}reports: ${written.files.map((file) => file.replace(`${finished.reportsRoot}/`, '')).join(', ')} in ${written.dir}`);
  const counts = countOutcomes(run.scenarios);
  const outcome: RunOutcome = { run, reportDir: written.dir, passed: !interrupted && counts.failed === 0 && counts.passed === scenarios.length };
  if (interrupted) outcome.interrupted = interrupted;
  return outcome;
}

function clusterFor(choice: RunClusterChoice, stateDir: string): ClusterChoice {
  if (choice.provider === 'local') return { provider: 'local', stateDir };
  if (choice.provider === 'kubeconfig') return choice;
  return { ...choice, stateDir };
}

function scenarioResult(record: ScenarioRecord, loadRuns: LoadResult[], measured: ControlPlaneResult | undefined): ScenarioResult {
  const { scenario } = record;
  const failed = record.steps.some((step) => step.outcome === 'failed');
  // Interrupted half-way: neither passed nor failed (unless a step had failed before).
  const interrupted = !failed && record.steps.some((step) => step.outcome === 'skipped' && step.name.endsWith(INTERRUPTED_STEP_SUFFIX));
  const result: ScenarioResult = {
    id: scenario.id,
    description: scenario.description,
    profile: scenario.profile,
    features: scenario.features,
    outcome: failed ? 'failed' : interrupted ? 'skipped' : 'passed',
    durationMs: record.durationMs,
    steps: record.steps,
  };
  if (interrupted) result.skippedBecause = 'interrupted';
  if (scenario.conformanceTest) result.conformanceTest = scenario.conformanceTest;
  const [first] = loadRuns;
  if (first) {
    result.load = first;
    result.loads = loadRuns;
  }
  if (measured) result.controlPlane = measured;
  return result;
}

/** A scenario that did not run: skipped, with why, and the reason as its one step. */
function skippedScenarioResult(scenario: Scenario, because: NonNullable<ScenarioResult['skippedBecause']>, stepName: string, reason: string): ScenarioResult {
  const result: ScenarioResult = {
    id: scenario.id,
    description: scenario.description,
    profile: scenario.profile,
    features: scenario.features,
    outcome: 'skipped',
    skippedBecause: because,
    durationMs: 0,
    steps: [{ name: stepName, outcome: 'skipped', durationMs: 0, message: reason }],
  };
  if (scenario.conformanceTest) result.conformanceTest = scenario.conformanceTest;
  return result;
}

/** A scenario the run's channel cannot run. */
const skippedResult = ({ scenario, reason }: ChannelSkip) => skippedScenarioResult(scenario, 'channel', `channel ${scenario.channel}`, reason);

/** A scenario the implementation was not asked to run (the feature it lacks, or a selection flag). */
const featureSkippedResult = ({ scenario, because, reason }: FeatureSkip) =>
  skippedScenarioResult(scenario, because, because === 'unsupported-feature' ? 'supported features' : 'selection', reason);

/** A scenario an interrupted run did not reach. */
const interruptedResult = (scenario: Scenario, reason: string) => skippedScenarioResult(scenario, 'interrupted', 'not run', reason);

function implementationInfo(gatewayClassName: string): ImplementationInfo {
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const variant = referenceVariant(gatewayClassName);
  if (variant) {
    return { organization: 'gateway-gauntlet', project: variant.deviation ? `gauntlet-reference-altered-${variant.deviation}` : 'gauntlet-reference', url: '', version, contact: [] };
  }
  return { organization: 'unknown', project: `gatewayclass/${gatewayClassName}`, url: '', version: 'unknown', contact: [] };
}
