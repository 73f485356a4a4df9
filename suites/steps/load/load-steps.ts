// The measuring steps of a scenario: each load run, route propagation and attached-routes scale, run
// against the live cluster, judged against the scenario's thresholds (an invalid load run always fails),
// handed to the run's results, and printed as they end so a long run shows its figures.
import type { Cluster, HostEndpoint } from '../../../harness/cluster/cluster.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ControlPlaneResult } from '../../../harness/load/control-plane-result.ts';
import { formatLoadResult } from '../../../harness/load/format-load-result.ts';
import { formatPropagation, formatRouteScale, judgePropagation, judgeRouteScale } from '../../../harness/load/judge-control-plane.ts';
import { judgeLoad, type LoadJudgement } from '../../../harness/load/judge-load.ts';
import type { LoadResult } from '../../../harness/load/load-result.ts';
import type { LoadProgress } from '../../../harness/load/run-load.ts';
import type { Comparison } from '../../../harness/report/run-result.ts';
import type { LoadSpec, ProbeRequestSpec, PropagationSpec, RouteScaleSpec, Scenario, SourceLocation } from '../../../harness/scenario/scenario-types.ts';
import type { PodLogSource } from '../../../harness/traffic/mirror/pod-logs.ts';
import { type NoteStep, withComparisons } from '../../step-details.ts';
import { ExpectationFailedError } from '../expectation-failed-error.ts';
import { loadComparisons } from '../measured-comparisons.ts';
import { measurePropagation } from './measure-propagation.ts';
import { measureRouteScale } from './measure-route-scale.ts';
import { runLoadRun } from './run-load-run.ts';

export interface LoadStepOptions {
  kube: KubeClient;
  cluster: Cluster;
  podLogs: () => PodLogSource;
  /** Waits until the request answers through the target; `note` hears of the first passing answer (the report's propagation). */
  awaitRoute: (target: HostEndpoint, request: ProbeRequestSpec, source: SourceLocation, note?: NoteStep) => Promise<void>;
  onLoadResult?: (scenario: Scenario, result: LoadResult) => void;
  onControlPlaneResult?: (scenario: Scenario, result: ControlPlaneResult) => void;
  report?: (text: string) => void;
  /** Live figures while a load run sends. */
  onLoadProgress?: (scenario: Scenario, progress: LoadProgress) => void;
  /** Aborted when the run is interrupted: the load stops at once. */
  signal?: AbortSignal;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

function conclude(source: SourceLocation, what: string, judgement: LoadJudgement, figures: string, report?: (text: string) => void, comparisons: () => Comparison[] = () => []): void {
  if (!judgement.passed) throw withComparisons(new ExpectationFailedError(`${source.file}:${source.line}: ${what}:\n${judgement.problems.join('\n')}\n${figures}`), comparisons());
  report?.(indent(figures));
}

export function loadSteps(options: LoadStepOptions) {
  const { kube, cluster } = options;
  return {
    async load(scenario: Scenario, load: LoadSpec, note?: NoteStep): Promise<void> {
      // The first request's first passing answer is the step's (the report measures propagation from it).
      let noted = false;
      const awaitRoute: LoadStepOptions['awaitRoute'] = (target, request, source) => {
        const first = noted ? undefined : note;
        noted = true;
        return options.awaitRoute(target, request, source, first);
      };
      const { onLoadProgress, signal } = options;
      const live = { ...(signal === undefined ? {} : { signal }), ...(onLoadProgress === undefined ? {} : { onProgress: (progress: LoadProgress) => onLoadProgress(scenario, progress) }) };
      const result = await runLoadRun({ kube, cluster, podLogs: options.podLogs, awaitRoute, live }, load);
      options.onLoadResult?.(scenario, result);
      conclude(load.source, `load run "${load.name}"`, judgeLoad(result, load.expect), formatLoadResult(result), options.report, () => loadComparisons(result, load.expect));
    },
    async propagation(scenario: Scenario, spec: PropagationSpec): Promise<void> {
      const result = await measurePropagation(kube, cluster, spec);
      options.onControlPlaneResult?.(scenario, { propagation: result });
      conclude(spec.source, 'route propagation', judgePropagation(result, spec.expect), formatPropagation(result), options.report);
    },
    async routeScale(scenario: Scenario, spec: RouteScaleSpec): Promise<void> {
      const result = await measureRouteScale(kube, spec);
      options.onControlPlaneResult?.(scenario, { routeScale: result });
      conclude(spec.source, 'attached-routes scale', judgeRouteScale(result, spec.expect), formatRouteScale(result), options.report);
    },
  };
}
