// Attached-routes scale: N copies of the route template created (a bounded number in flight), then the
// time until every copy is Accepted by the Gateway and the Gateway's attachedRoutes reads its earlier value
// plus N; the status writes that took (counted from a watch), and what the controller and the Gateway's
// proxy spent. Then every copy deleted, and the time until attachedRoutes is back. Copies are deleted
// whatever happens.
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { RouteScaleResult } from '../../../harness/load/control-plane-result.ts';
import type { RouteScaleSpec } from '../../../harness/scenario/scenario-types.ts';
import { attachedRoutes, awaitAttachedRoutes } from './gateway-attached-routes.ts';
import { referenceComponents, sampleUsage } from './pod-process-usage.ts';
import { routeCopy } from './route-copies.ts';
import { createAll, deleteAll } from './route-objects.ts';
import { watchStatusWrites } from './status-write-watch.ts';

export class RouteScaleTimeoutError extends Error {
  readonly code = 'GAUNTLET_ROUTE_SCALE_TIMEOUT';
  constructor(message: string) {
    super(message);
    this.name = 'RouteScaleTimeoutError';
  }
}

async function awaitAccepted(accepted: () => number, routes: number, deadline: number): Promise<number | undefined> {
  while (performance.now() < deadline) {
    if (accepted() === routes) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

export async function measureRouteScale(kube: KubeClient, spec: RouteScaleSpec): Promise<RouteScaleResult> {
  const copies = Array.from({ length: spec.routes }, (_, index) => routeCopy(spec.route, index).manifest);
  const namespace = spec.route.object.metadata.namespace ?? spec.gateway.namespace;
  const names = new Set(copies.map((copy) => copy.object.metadata.name));
  const before = await attachedRoutes(kube, spec.gateway, spec.listener);
  const timeoutMs = spec.timeoutSeconds * 1000;
  const writes = await watchStatusWrites(kube, namespace, spec.gateway);
  let settledAt: number | undefined;
  let settleUsage: RouteScaleResult['usage']['settle'] = [];
  let deleteUsage: RouteScaleResult['usage']['delete'] = [];
  let deletedMs = Number.NaN;
  let settled = before;
  let routeWrites = 0;
  let gatewayWrites = 0;
  const started = performance.now();
  try {
    const usage = await sampleUsage(kube, referenceComponents(spec.gateway));
    await createAll(kube, copies, spec.concurrency);
    const accepted = await awaitAccepted(() => writes.accepted(names), spec.routes, started + timeoutMs);
    if (accepted === undefined) throw new RouteScaleTimeoutError(`only ${writes.accepted(names)} of ${spec.routes} routes were Accepted by ${spec.gateway.namespace}/${spec.gateway.name} within ${spec.timeoutSeconds} s`);
    settledAt = await awaitAttachedRoutes(kube, spec.gateway, before + spec.routes, started + timeoutMs, spec.listener);
    settleUsage = usage.stop();
    routeWrites = writes.routeStatusWrites();
    gatewayWrites = writes.gatewayStatusWrites();
    settled = await attachedRoutes(kube, spec.gateway, spec.listener);
    if (settledAt === undefined) throw new RouteScaleTimeoutError(`attachedRoutes is ${settled}, not ${before + spec.routes}, ${spec.timeoutSeconds} s after creating ${spec.routes} routes`);
  } finally {
    writes.stop();
    const deleteStarted = performance.now();
    const usage = await sampleUsage(kube, referenceComponents(spec.gateway));
    await deleteAll(kube, copies, spec.concurrency);
    const back = await awaitAttachedRoutes(kube, spec.gateway, before, deleteStarted + timeoutMs, spec.listener);
    deleteUsage = usage.stop();
    if (back !== undefined) deletedMs = back - deleteStarted;
  }
  const after = await attachedRoutes(kube, spec.gateway, spec.listener);
  if (Number.isNaN(deletedMs)) throw new RouteScaleTimeoutError(`attachedRoutes is ${after}, not back to ${before}, ${spec.timeoutSeconds} s after deleting the ${spec.routes} routes`);
  return {
    routes: spec.routes,
    settledMs: Math.round((settledAt ?? Number.NaN) - started),
    deletedMs: Math.round(deletedMs),
    routeStatusWrites: routeWrites,
    statusWritesPerRoute: Math.round((routeWrites / spec.routes) * 100) / 100,
    gatewayStatusWrites: gatewayWrites,
    attachedRoutes: { before, settled, after },
    usage: { settle: settleUsage, delete: deleteUsage },
  };
}
