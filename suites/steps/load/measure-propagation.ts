// Route propagation: `existingRoutes` copies of the template created first and polled until each serves,
// then `measuredRoutes` more created one at a time, each polled until its first 200; the delay from the
// create request to that 200 is recorded per route. Every copy is deleted at the end, whatever happened, and
// the Gateway's attachedRoutes awaited back where it was.
import type { Cluster } from '../../../harness/cluster/cluster.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ComponentUsage, PropagationResult } from '../../../harness/load/control-plane-result.ts';
import { createLatencyRecorder } from '../../../harness/load/latency-summary.ts';
import type { PropagationSpec } from '../../../harness/scenario/scenario-types.ts';
import { resolveGatewayEndpoint } from '../gateway-endpoint.ts';
import { attachedRoutes, awaitAttachedRoutes } from './gateway-attached-routes.ts';
import { referenceComponents, sampleUsage } from './pod-process-usage.ts';
import { routeCopy } from './route-copies.ts';
import { createAll, createObject, deleteAll } from './route-objects.ts';
import { RoutePoller } from './route-poller.ts';

const CREATE_CONCURRENCY = 16;

export class PropagationTimeoutError extends Error {
  readonly code = 'GAUNTLET_PROPAGATION_TIMEOUT';
  constructor(message: string) {
    super(message);
    this.name = 'PropagationTimeoutError';
  }
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

export async function measurePropagation(kube: KubeClient, cluster: Cluster, spec: PropagationSpec): Promise<PropagationResult> {
  const target = await resolveGatewayEndpoint(kube, cluster, spec);
  const existing = Array.from({ length: spec.existingRoutes }, (_, index) => routeCopy(spec.route, index));
  const measured = Array.from({ length: spec.measuredRoutes }, (_, index) => routeCopy(spec.route, spec.existingRoutes + index));
  const poller = new RoutePoller(target);
  const delays = createLatencyRecorder();
  const unexpected: Record<string, number> = {};
  let polls = 0;
  let usage: ComponentUsage[] = [];
  const timeoutMs = spec.timeoutSeconds * 1000;
  const before = await attachedRoutes(kube, spec.gateway);
  try {
    await createAll(
      kube,
      existing.map((copy) => copy.manifest),
      CREATE_CONCURRENCY,
    );
    // Newest first: once the last copy serves, the earlier ones almost always do, so each takes one poll.
    for (const copy of [...existing].reverse()) {
      const outcome = await poller.untilServed(copy.hostname, performance.now() + timeoutMs);
      if (outcome.servedAt === undefined) throw new PropagationTimeoutError(`${copy.hostname} (one of the ${spec.existingRoutes} existing routes) did not answer 200 within ${spec.timeoutSeconds} s`);
    }
    const sampler = await sampleUsage(kube, referenceComponents(spec.gateway));
    for (const copy of measured) {
      const started = performance.now();
      await createObject(kube, copy.manifest);
      const outcome = await poller.untilServed(copy.hostname, started + timeoutMs);
      polls += outcome.polls;
      addCounts(unexpected, outcome.unexpected);
      if (outcome.servedAt === undefined) {
        throw new PropagationTimeoutError(`${copy.manifest.object.metadata.name} (host ${copy.hostname}) did not answer 200 within ${spec.timeoutSeconds} s of being created, with ${spec.existingRoutes} routes present`);
      }
      delays.record(outcome.servedAt - started);
    }
    usage = sampler.stop();
  } finally {
    await poller.close();
    await deleteAll(
      kube,
      [...existing, ...measured].map((copy) => copy.manifest),
      CREATE_CONCURRENCY,
    );
    // The next scenario starts from the Gateway as this one found it.
    await awaitAttachedRoutes(kube, spec.gateway, before, performance.now() + timeoutMs);
  }
  return {
    existingRoutes: spec.existingRoutes,
    measuredRoutes: spec.measuredRoutes,
    delayMs: delays.summary(),
    errors: Object.values(unexpected).reduce((sum, count) => sum + count, 0),
    unexpected,
    polls,
    usage,
  };
}
