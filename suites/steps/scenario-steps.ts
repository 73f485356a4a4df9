// What each step of a scenario does against a live cluster: the kube side (apply, await, delete) and the
// traffic side (requests, splits, load) through the Gateway's own address.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Cluster } from '../../harness/cluster/cluster.ts';
import { applyManifests } from '../../harness/kube/apply-manifests.ts';
import { deleteManifests } from '../../harness/kube/delete-manifests.ts';
import type { KubeClient, ObjectRef } from '../../harness/kube/kube-client.ts';
import type { ControlPlaneResult } from '../../harness/load/control-plane-result.ts';
import type { LoadResult } from '../../harness/load/load-result.ts';
import type { LoadProgress } from '../../harness/load/run-load.ts';
import type { ObservedObject } from '../../harness/report/run-result.ts';
import { describeGrpcCall, describeRequest, describeSentRequest } from '../../harness/scenario/describe-request.ts';
import type { AwaitedObject, LoadSpec, LocatedManifest, PropagationSpec, RequestCase, RouteScaleSpec, Scenario, ScenarioPhase, SplitCase } from '../../harness/scenario/scenario-types.ts';
import { awaitExpectation, type ExpectationOutcome } from '../../harness/traffic/await-expectation.ts';
import { expectStatus, formatMismatches } from '../../harness/traffic/expectation.ts';
import { resolveGrpcCall } from '../../harness/traffic/grpc/grpc-call-case.ts';
import type { GrpcCallSpec } from '../../harness/traffic/grpc/grpc-echo-call.ts';
import { awaitGrpcAnswer, measureGrpcSplit } from '../../harness/traffic/grpc/measure-grpc-split.ts';
import { awaitStreamAnswer, measureStreamSplit, type StreamSplitProbe } from '../../harness/traffic/l4/measure-stream-split.ts';
import { DEFAULT_SPLIT_SAMPLES, measureSplit, type SplitMeasurement } from '../../harness/traffic/measure-split.ts';
import { createPodLogSource, type PodLogSource } from '../../harness/traffic/mirror/pod-logs.ts';
import type { ProbeRequest, ProbeTarget } from '../../harness/traffic/send-request.ts';
import { formatSplitVerdict } from '../../harness/traffic/split-verdict.ts';
import { readCertificateAuthority } from '../../harness/traffic/tls/read-certificate-authority.ts';
import { readTlsKeyPair } from '../../harness/traffic/tls/read-tls-key-pair.ts';
import { type NoteStep, withComparisons } from '../step-details.ts';
import { awaitDeploymentsAvailable } from './await-deployments.ts';
import { awaitStatus } from './await-status.ts';
import { ExpectationFailedError } from './expectation-failed-error.ts';
import { resolveGatewayEndpoint } from './gateway-endpoint.ts';
import { type LoadStepOptions, loadSteps } from './load/load-steps.ts';
import { splitComparisons, splitObservation } from './measured-comparisons.ts';
import { observeObjects } from './observe-objects.ts';
import { runRequestCase } from './run-request-case.ts';

/**
 * The traffic steps note when traffic first passed (for route propagation) and a split's counts through `note`;
 * a failure's error carries its expected-versus-got pairs (step-details.ts).
 */
export interface ScenarioSteps {
  apply(scenario: Scenario): Promise<void>;
  awaitStatus(awaited: AwaitedObject): Promise<void>;
  request(request: RequestCase, note?: NoteStep): Promise<void>;
  split(split: SplitCase, note?: NoteStep): Promise<void>;
  /** Deletes a phase's `delete` objects and waits until they are gone. */
  deletePhaseObjects(phase: ScenarioPhase): Promise<void>;
  /** Applies a phase's `apply` manifests (server-side, strict), like the scenario's own. */
  applyPhaseManifests(phase: ScenarioPhase): Promise<void>;
  /** One load run of the scenario. */
  load(scenario: Scenario, load: LoadSpec, note?: NoteStep): Promise<void>;
  propagation(scenario: Scenario, spec: PropagationSpec): Promise<void>;
  routeScale(scenario: Scenario, spec: RouteScaleSpec): Promise<void>;
  cleanup(scenario: Scenario): Promise<void>;
  /** The status of these objects now (`seen`: as already read), for a failed step's report; absent: not recorded. */
  observe?(refs: readonly ObjectRef[], seen: readonly KubernetesObject[]): Promise<ObservedObject[]>;
}

export interface StepTimeouts {
  /** Waiting for status conditions. */
  statusMs: number;
  /** Waiting for traffic to follow a change (eventual consistency). */
  trafficMs: number;
  /** Waiting for a scenario's objects to be gone. */
  cleanupMs: number;
}

export { ExpectationFailedError };

export const DEFAULT_STEP_TIMEOUTS: StepTimeouts = { statusMs: 30_000, trafficMs: 30_000, cleanupMs: 30_000 };

export function createScenarioSteps(options: {
  kube: KubeClient;
  cluster: Cluster;
  timeouts?: StepTimeouts;
  onLoadResult?: (scenario: Scenario, result: LoadResult) => void;
  /** Live figures while a load phase runs. */
  onLoadProgress?: (scenario: Scenario, progress: LoadProgress) => void;
  /** Aborted when the run is interrupted: a load phase stops at once. */
  signal?: AbortSignal;
  onControlPlaneResult?: (scenario: Scenario, result: ControlPlaneResult) => void;
  /** Where measured figures are printed as each measurement ends (the run's progress). */
  report?: (text: string) => void;
}): ScenarioSteps {
  const { kube, cluster } = options;
  const timeouts = options.timeouts ?? DEFAULT_STEP_TIMEOUTS;
  const where = (source: { file: string; line: number }) => `${source.file}:${source.line}`;

  /** Waits until the route answers at all, so measurements start on a converged gateway. */
  const awaitRoute = async (target: ProbeTarget, request: ProbeRequest, source: { file: string; line: number }, note?: NoteStep) => {
    const outcome = await awaitExpectation(target, request, expectStatus(200), { timeoutMs: timeouts.trafficMs });
    noteFirstPass(outcome, note);
    if (!outcome.satisfied) {
      const message = `${where(source)}: the route never answered 200 before measuring:\n${formatMismatches(outcome.mismatches)}`;
      throw withComparisons(new ExpectationFailedError(message), outcome.mismatches);
    }
  };

  const awaitStreamRoute = async (target: ProbeTarget, probe: StreamSplitProbe | GrpcCallSpec, source: { file: string; line: number }, note?: NoteStep) => {
    const outcome = 'method' in probe ? await awaitGrpcAnswer(target, probe, timeouts.trafficMs) : await awaitStreamAnswer(target, probe, timeouts.trafficMs);
    noteFirstPass(outcome, note);
    if (!outcome.satisfied) {
      const message = `${where(source)}: no echo backend answered through the route before measuring:\n${formatMismatches(outcome.mismatches)}`;
      throw withComparisons(new ExpectationFailedError(message), outcome.mismatches);
    }
  };

  // Pod logs (for mirroredTo) are read through the cluster's API; the client is made on first use.
  let podLogs: PodLogSource | undefined;
  const podLogSource = () => {
    podLogs ??= createPodLogSource(kube.config);
    return podLogs;
  };

  return {
    apply: async (scenario) => {
      await applyManifests(kube, scenario.manifests);
      await awaitDeploymentsAvailable(kube, scenario.manifests, timeouts.statusMs);
    },
    awaitStatus: (awaited) => awaitStatus(kube, awaited, timeouts.statusMs),
    async request(request, note) {
      const target = await resolveGatewayEndpoint(kube, cluster, request, request.request.protocol === 'udp' ? 'UDP' : 'TCP');
      const needsLogs = request.expect.mirroredTo.length > 0;
      const outcome = await runRequestCase(target, request, {
        trafficMs: timeouts.trafficMs,
        readCertificateAuthority: (source) => readCertificateAuthority(kube, source),
        readTlsKeyPair: (ref) => readTlsKeyPair(kube, ref),
        ...(needsLogs ? { podLogs: podLogSource() } : {}),
      });
      noteFirstPass(outcome, note);
      if (!outcome.satisfied) {
        const message = `${where(request.source)}: ${describeSentRequest(request.request)} after ${outcome.attempts} attempts in ${(outcome.elapsedMs / 1000).toFixed(1)}s:\n${formatMismatches(outcome.mismatches)}`;
        throw withComparisons(new ExpectationFailedError(message), outcome.mismatches);
      }
    },
    async split(split, note) {
      const { probe } = split;
      const target = await resolveGatewayEndpoint(kube, cluster, split, probe.protocol === 'udp' ? 'UDP' : 'TCP');
      let measurement: SplitMeasurement;
      if (probe.protocol === 'http') {
        await awaitRoute(target, probe.request, split.source, note);
        measurement = await measureSplit(target, probe.request, split.weights, split.samples, split.received === undefined ? {} : { received: split.received });
      } else if (probe.protocol === 'grpc') {
        const call = await resolveGrpcCall(probe.call, (source) => readCertificateAuthority(kube, source));
        await awaitStreamRoute(target, call, split.source, note);
        measurement = await measureGrpcSplit(target, call, split.weights, split.samples ?? DEFAULT_SPLIT_SAMPLES);
      } else {
        await awaitStreamRoute(target, probe, split.source, note);
        measurement = await measureStreamSplit(target, probe, split.weights, split.samples ?? DEFAULT_SPLIT_SAMPLES);
      }
      note?.({ split: splitObservation(measurement.verdict) });
      if (!measurement.verdict.passed) {
        const what = probe.protocol === 'http' ? describeRequest(probe.request) : probe.protocol === 'grpc' ? `${describeGrpcCall(probe.call)} calls` : probe.protocol === 'tcp' ? 'TCP connections' : 'UDP flows';
        const message = `${where(split.source)}: weighted split of ${what}:\n${formatSplitVerdict(measurement.verdict)}`;
        throw withComparisons(new ExpectationFailedError(message), splitComparisons(measurement.verdict, measurement.failures));
      }
    },
    ...loadSteps({
      kube,
      cluster,
      podLogs: podLogSource,
      awaitRoute,
      ...(options.onLoadResult === undefined ? {} : { onLoadResult: options.onLoadResult }),
      ...(options.onControlPlaneResult === undefined ? {} : { onControlPlaneResult: options.onControlPlaneResult }),
      ...(options.report === undefined ? {} : { report: options.report }),
      ...(options.onLoadProgress === undefined ? {} : { onLoadProgress: options.onLoadProgress }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    } satisfies LoadStepOptions),
    deletePhaseObjects: (phase) => deleteManifests(kube, phase.delete, { timeoutMs: timeouts.cleanupMs }),
    applyPhaseManifests: (phase) => applyManifests(kube, phase.apply),
    // Objects a phase deleted are already gone: deleteManifests ignores NotFound.
    cleanup: (scenario) => deleteManifests(kube, objectsToCleanUp(scenario), { timeoutMs: timeouts.cleanupMs }),
    observe: (refs, seen) => observeObjects(kube, refs, seen),
  };
}

/** Epoch time of the passing streak's first answer: the outcome counts from its own start, `elapsedMs` ago. */
function noteFirstPass(outcome: ExpectationOutcome, note: NoteStep | undefined): void {
  if (outcome.convergedAfterMs === undefined) return;
  note?.({ firstPassAt: Date.now() - outcome.elapsedMs + outcome.convergedAfterMs });
}

/**
 * Everything a scenario applied, its own manifests and its phases', in apply order (deleteManifests deletes
 * newest first). An object applied more than once (a phase changing a scenario's route) is listed once, at
 * its last apply.
 */
export function objectsToCleanUp(scenario: Scenario): LocatedManifest[] {
  const all = [...scenario.manifests, ...scenario.phases.flatMap((phase) => phase.apply)];
  const key = ({ object }: LocatedManifest) => `${object.apiVersion.split('/')[0]}|${object.kind}|${object.metadata.namespace ?? ''}|${object.metadata.name}`;
  const last = new Map(all.map((manifest) => [key(manifest), manifest]));
  return all.filter((manifest) => last.get(key(manifest)) === manifest);
}
