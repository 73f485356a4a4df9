// One load run of a scenario against a live cluster: waits until each request answers, sends the load
// through the Gateway (the engine the run names; k6 through the k6-operator when it names runners), does
// what `during` says meanwhile (route churn, a killed pod), and, with a baseline, sends the same load
// straight to a backend pod first so the result carries ratios. Returns the result; judging is the
// caller's.
import type { Cluster, HostEndpoint } from '../../../harness/cluster/cluster.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ChurnResult, DisruptionResult, LoadResult } from '../../../harness/load/load-result.ts';
import { type LoadOptions, LoadRunError, runLoad } from '../../../harness/load/run-load.ts';
import type { LoadSpec, LoadStreamSpec, ProbeRequestSpec, SourceLocation } from '../../../harness/scenario/scenario-types.ts';
import { formatMismatches } from '../../../harness/traffic/expectation.ts';
import { awaitGrpcAnswer } from '../../../harness/traffic/grpc/measure-grpc-split.ts';
import { awaitStreamAnswer } from '../../../harness/traffic/l4/measure-stream-split.ts';
import type { PodLogSource } from '../../../harness/traffic/mirror/pod-logs.ts';
import { resolveGatewayEndpoint } from '../gateway-endpoint.ts';
import { backendPodEndpoint } from './backend-pod-endpoint.ts';
import { runK6OperatorLoad } from './k6-operator-run.ts';
import { killOnePod } from './kill-pod.ts';
import { startChurn } from './route-churn.ts';

/** How long a gRPC or TCP load waits for its route to carry traffic at all. */
const STREAM_ROUTE_WAIT_MS = 30_000;

export interface LoadRunContext {
  kube: KubeClient;
  cluster: Cluster;
  podLogs: () => PodLogSource;
  /** Waits until the request answers 200 through the target (throws with the mismatches otherwise). */
  awaitRoute: (target: HostEndpoint, request: ProbeRequestSpec, source: SourceLocation) => Promise<void>;
  /** Ctrl-C and live figures, handed to every load this run sends. */
  live?: Pick<LoadOptions, 'signal' | 'onProgress'>;
}

function optionsOf(load: LoadSpec, target: HostEndpoint, live: LoadRunContext['live'] = {}): LoadOptions {
  return {
    ...live,
    name: load.name,
    engine: load.engine,
    target,
    entries: load.entries.map(({ name, request, expectedBackend }) => ({ name, request, ...(expectedBackend === undefined ? {} : { expectedBackend }) })),
    model: load.model,
    durationSeconds: load.durationSeconds,
    connections: load.connections,
    ...(load.rate === undefined ? {} : { rate: load.rate }),
    ...(load.workers === undefined ? {} : { workers: load.workers }),
    timeoutSeconds: load.timeoutSeconds,
    ...(load.weights === undefined ? {} : { expectedWeights: load.weights }),
    splitConfidence: load.expect.splitConfidence,
    ...(load.stream === undefined ? {} : { stream: load.stream }),
    k6Thresholds: { maxErrors: load.expect.maxErrors, latencyMs: load.expect.latencyMs, ...(load.expect.requestsPerSecond === undefined ? {} : { requestsPerSecond: load.expect.requestsPerSecond }) },
  };
}

/** Waits until one gRPC call ends OK, or one TCP connection gets the echo's account, through the target. */
async function awaitStreamRoute(target: HostEndpoint, stream: LoadStreamSpec, source: SourceLocation): Promise<void> {
  const outcome = stream.protocol === 'grpc' ? await awaitGrpcAnswer(target, stream.call, STREAM_ROUTE_WAIT_MS) : await awaitStreamAnswer(target, { protocol: 'tcp' }, STREAM_ROUTE_WAIT_MS);
  if (!outcome.satisfied) throw new LoadRunError(`${source.file}:${source.line}: no ${stream.protocol === 'grpc' ? 'gRPC call' : 'TCP connection'} got through before the load:\n${formatMismatches(outcome.mismatches)}`);
}

/** The failures a result saw from `atMs` on, by its timeline (whole seconds), and the recovery time. */
export function disruptionOf(result: LoadResult, description: string, atMs: number): DisruptionResult {
  const before = (result.timeline ?? []).filter((entry) => entry.second < Math.floor(atMs / 1000));
  const failuresBefore = before.reduce((sum, entry) => sum + entry.non2xx + entry.errors, 0);
  const lastMs = result.failureWindow?.lastMs;
  return {
    description,
    atMs: Math.round(atMs),
    failuresAfter: result.errors + result.non2xx - failuresBefore,
    recoveryMs: lastMs === undefined || lastMs < atMs ? 0 : Math.round(lastMs - atMs),
  };
}

async function throughGateway(ctx: LoadRunContext, load: LoadSpec, target: HostEndpoint): Promise<LoadResult> {
  if (load.engine === 'k6' && load.k6Runners !== undefined) return await runK6OperatorLoad(ctx.kube, ctx.podLogs(), load, load.k6Runners);
  const churn = load.during.churn === undefined ? undefined : startChurn(ctx.kube, load.during.churn);
  const killPod = load.during.killPod;
  let killedAt: { epochMs: number; pod: string } | undefined;
  const killing =
    killPod === undefined
      ? undefined
      : new Promise<void>((resolve, reject) => {
          setTimeout(() => {
            const epochMs = Date.now();
            killOnePod(ctx.kube, killPod).then((pod) => {
              killedAt = { epochMs, pod };
              resolve();
            }, reject);
          }, killPod.afterSeconds * 1000);
        });
  let result: LoadResult;
  let churned: ChurnResult | undefined;
  try {
    result = await runLoad(optionsOf(load, target, ctx.live));
  } finally {
    churned = await churn?.stop();
  }
  await killing;
  if (churned !== undefined) result.churn = churned;
  if (killedAt !== undefined && result.startedAt !== undefined) {
    result.disruption = disruptionOf(result, `pod ${killedAt.pod} killed`, killedAt.epochMs - Date.parse(result.startedAt));
  }
  return result;
}

export async function runLoadRun(ctx: LoadRunContext, load: LoadSpec): Promise<LoadResult> {
  const target = await resolveGatewayEndpoint(ctx.kube, ctx.cluster, load);
  for (const entry of load.entries) await ctx.awaitRoute(target, entry.request, load.source);
  if (load.stream !== undefined) await awaitStreamRoute(target, load.stream, load.source);
  let baseline: LoadResult | undefined;
  let baselineLabel = '';
  if (load.baseline !== undefined) {
    const direct = await backendPodEndpoint(ctx.kube, ctx.cluster, load.baseline.service, load.baseline.port);
    baselineLabel = `direct to pod ${direct.pod} of ${load.baseline.service.namespace}/${load.baseline.service.name}`;
    // The pod answers every request itself: nothing to attribute or misroute.
    const { expectedWeights: _weights, ...options } = optionsOf(load, direct, ctx.live);
    baseline = await runLoad({ ...options, name: `${load.name} (baseline)`, entries: options.entries.map(({ name, request }) => ({ name, request })) });
  }
  const result = await throughGateway(ctx, load, target);
  if (baseline !== undefined) {
    result.baseline = {
      label: baselineLabel,
      result: baseline,
      ratios: {
        requestsPerSecond: result.requests.perSecond / baseline.requests.perSecond,
        p50: result.latency.p50Ms / baseline.latency.p50Ms,
        p99: result.latency.p99Ms / baseline.latency.p99Ms,
      },
    };
  }
  return result;
}
