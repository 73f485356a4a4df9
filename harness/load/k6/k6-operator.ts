// Load beyond one machine: the k6 script run by the k6-operator (https://github.com/grafana/k6-operator) in
// the cluster under test, as a TestRun (k6.io/v1alpha1) with N runner pods, each given an equal execution
// segment of the load by the operator. Each runner prints its own summary between the script's markers; the
// summaries are read from the runner pods' logs and merged correctly (k6-result.ts): counts summed,
// latency histograms added, percentiles read from the merged histogram, never averaged.
//
//   k6TestRunManifests(plan): LocatedManifest[]        a ConfigMap holding the script, and the TestRun
//   runK6TestRun(kube, logs, plan): Promise<K6Summary>  apply, wait until finished, read runners, merge, delete
//   summaryOfRunnerLogs(logs): K6Summary                the merge alone (a runner log per pod)
import { applyManifests } from '../../kube/apply-manifests.ts';
import { deleteManifests } from '../../kube/delete-manifests.ts';
import type { KubeClient } from '../../kube/kube-client.ts';
import type { LocatedManifest } from '../../kube/manifest.ts';
import type { PodLogSource } from '../../traffic/mirror/pod-logs.ts';
import { SUMMARY_BEGIN, SUMMARY_END } from './k6-metric-names.ts';
import { mergeK6Summaries } from './k6-result.ts';
import { type K6Summary, parseK6Summary, summaryFromLog } from './k6-summary.ts';

export const TEST_RUN_API_VERSION = 'k6.io/v1alpha1';
const SCRIPT_FILE = 'script.ts';
/** The operator's labels on runner pods. */
const RUNNER_LABELS = (name: string) => ({ k6_cr: name, runner: 'true' });
const POLL_MS = 2000;

export interface TestRunPlan {
  name: string;
  namespace: string;
  /** Runner pods. */
  parallelism: number;
  script: string;
  /** The runners' image; default the operator's. */
  image?: string;
  durationSeconds: number;
}

export class K6OperatorError extends Error {
  readonly code = 'GAUNTLET_K6_OPERATOR';
  constructor(message: string) {
    super(message);
    this.name = 'K6OperatorError';
  }
}

export function k6TestRunManifests(plan: TestRunPlan): LocatedManifest[] {
  const source = { file: 'harness/load/k6/k6-operator.ts', line: 0 };
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${plan.name}-script`, namespace: plan.namespace, labels: { 'app.kubernetes.io/managed-by': 'gauntlet' } },
    data: { [SCRIPT_FILE]: plan.script },
  };
  const testRun = {
    apiVersion: TEST_RUN_API_VERSION,
    kind: 'TestRun',
    metadata: { name: plan.name, namespace: plan.namespace, labels: { 'app.kubernetes.io/managed-by': 'gauntlet' } },
    spec: {
      parallelism: plan.parallelism,
      script: { configMap: { name: configMap.metadata.name, file: SCRIPT_FILE } },
      // Every runner prints its own summary: the markers make it findable in the pod log.
      arguments: '--quiet',
      ...(plan.image === undefined ? {} : { runner: { image: plan.image } }),
    },
  };
  return [
    { object: configMap, source },
    { object: testRun, source },
  ];
}

/** Each runner's summary from its log, merged. */
export function summaryOfRunnerLogs(logs: readonly { pod: string; text: string }[]): K6Summary {
  if (logs.length === 0) throw new K6OperatorError('no runner pod logs to read summaries from');
  return mergeK6Summaries(logs.map(({ pod, text }) => parseK6Summary(summaryFromLog(text, `runner pod ${pod}`, { begin: SUMMARY_BEGIN, end: SUMMARY_END }), `runner pod ${pod}`)));
}

async function awaitStage(kube: KubeClient, plan: TestRunPlan, deadline: number): Promise<void> {
  for (;;) {
    const run = (await kube.read({ apiVersion: TEST_RUN_API_VERSION, kind: 'TestRun', namespace: plan.namespace, name: plan.name })) as { status?: { stage?: string } } | undefined;
    const stage = run?.status?.stage;
    if (stage === 'finished') return;
    if (stage === 'error') throw new K6OperatorError(`TestRun ${plan.namespace}/${plan.name} ended in stage "error"; see the operator's and the runner pods' logs`);
    if (Date.now() > deadline) {
      throw new K6OperatorError(`TestRun ${plan.namespace}/${plan.name} did not finish in time (stage "${stage ?? 'none'}"); is the k6-operator installed in the cluster (kubectl get crd testruns.k6.io)?`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function runK6TestRun(kube: KubeClient, logs: PodLogSource, plan: TestRunPlan): Promise<K6Summary> {
  const manifests = k6TestRunManifests(plan);
  const started = new Date();
  await applyManifests(kube, manifests);
  try {
    await awaitStage(kube, plan, Date.now() + (plan.durationSeconds + 300) * 1000);
    const labels = RUNNER_LABELS(plan.name);
    const runners = (await logs.pods(plan.namespace)).filter((pod) => Object.entries(labels).every(([key, value]) => pod.labels[key] === value));
    if (runners.length !== plan.parallelism) {
      throw new K6OperatorError(`TestRun ${plan.namespace}/${plan.name}: found ${runners.length} runner pod(s), expected ${plan.parallelism}; a missing runner's share of the load is missing from the results`);
    }
    const texts = await Promise.all(runners.map(async (pod) => ({ pod: pod.name, text: await logs.log(pod, started) })));
    return summaryOfRunnerLogs(texts);
  } finally {
    await deleteManifests(kube, manifests);
  }
}
