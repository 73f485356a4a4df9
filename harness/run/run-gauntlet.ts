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
import type { LoadProfile } from '../scenario/load-scenarios.ts';
import type { Scenario } from '../scenario/scenario-types.ts';
import { loadBaseFixtureFor } from './base-fixture.ts';
import { type ChannelSkip, selectForChannel } from './channel-selection.ts';
import { prepareEnvironment } from './environment.ts';
import type { Progress } from './progress.ts';
import { projectRoot } from './project-paths.ts';
import { REFERENCE_GATEWAY_CLASS } from './reference-class.ts';
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
  cluster: { provider: 'local' } | { provider: 'kubeconfig'; kubeconfigPath: string };
  reportsRoot: string;
  progress: Progress;
  /** The run profile load scenarios take their sizes from; default smoke. */
  profile?: LoadProfile;
}

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
    const loaded = await selectScenarios(options.scenariosRoot, options.scenarios, options);
    const selection = selectForChannel(loaded, channel);
    progress.info(`  ${selection.runnable.length} scenarios: ${selection.runnable.map((scenario) => scenario.id).join(', ')}`);
    for (const skip of selection.skipped) progress.info(`  skipped ${skip.scenario.id}: ${skip.reason}`);
    return selection;
  });
  const baseFixture = await loadBaseFixtureFor(options.gatewayClassName);
  const runDir = join(options.reportsRoot, runId);
  const environment = await prepareEnvironment({
    cluster: options.cluster.provider === 'local' ? { provider: 'local', stateDir: join(runDir, 'cluster') } : options.cluster,
    gatewayClassName: options.gatewayClassName,
    channel,
    baseFixture,
    progress,
  });
  const loads = new Map<Scenario, LoadResult[]>();
  const controlPlane = new Map<Scenario, ControlPlaneResult>();
  let records: ScenarioRecord[];
  try {
    const steps = createScenarioSteps({
      kube: environment.kube,
      cluster: environment.cluster,
      onLoadResult: (scenario, result) => loads.set(scenario, [...(loads.get(scenario) ?? []), result]),
      onControlPlaneResult: (scenario, result) => controlPlane.set(scenario, { ...controlPlane.get(scenario), ...result }),
      report: progress.info,
    });
    records = await runScenarioSuites(scenarios, steps, progress.info);
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
    implementation: implementationInfo(options.gatewayClassName),
    gatewayClass: options.gatewayClassName,
    gatewayAPI: { version: environment.crds.version, channel: environment.crds.channel },
    profile: options.profile ?? 'smoke',
    scenarios: [...records.map((record) => scenarioResult(record, loads.get(record.scenario) ?? [], controlPlane.get(record.scenario))), ...skipped.map(skippedResult)],
  };
  const written = await writeRunFolder(run, options.reportsRoot);
  progress.info(formatSummaryTable(run));
  progress.info(`reports: ${written.files.map((file) => file.replace(`${options.reportsRoot}/`, '')).join(', ')} in ${written.dir}`);
  const counts = countOutcomes(run.scenarios);
  return { run, reportDir: written.dir, passed: counts.failed === 0 && counts.passed === scenarios.length };
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

function implementationInfo(gatewayClassName: string): ImplementationInfo {
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  if (gatewayClassName === REFERENCE_GATEWAY_CLASS) {
    return { organization: 'gateway-gauntlet', project: 'gauntlet-reference', url: '', version, contact: [] };
  }
  return { organization: 'unknown', project: `gatewayclass/${gatewayClassName}`, url: '', version: 'unknown', contact: [] };
}
