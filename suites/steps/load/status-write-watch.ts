// Counts status writes at the API server while routes settle: a watch on the namespace's HTTPRoutes and
// on the Gateway, from the resourceVersion of a list taken first, counting MODIFIED events whose status
// differs from the object's previous status. It also follows which routes of the set have a parent
// entry for the Gateway with Accepted True, so "every route accepted" is known without polling them.
import { Watch } from '@kubernetes/client-node';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ObjectRef } from '../../../harness/scenario/scenario-types.ts';

interface RouteObject {
  metadata?: { name?: string; resourceVersion?: string };
  status?: { parents?: { parentRef?: { name?: string; namespace?: string }; conditions?: { type: string; status: string }[] }[] };
}

export interface StatusWriteWatch {
  routeStatusWrites(): number;
  gatewayStatusWrites(): number;
  /** How many of `names` are Accepted by the Gateway right now. */
  accepted(names: ReadonlySet<string>): number;
  stop(): void;
}

function acceptedBy(route: RouteObject, gateway: ObjectRef, namespace: string): boolean {
  return (route.status?.parents ?? []).some(
    (parent) =>
      parent.parentRef?.name === gateway.name &&
      (parent.parentRef?.namespace ?? namespace) === gateway.namespace &&
      (parent.conditions ?? []).some((condition) => condition.type === 'Accepted' && condition.status === 'True'),
  );
}

export async function watchStatusWrites(kube: KubeClient, namespace: string, gateway: ObjectRef): Promise<StatusWriteWatch> {
  const watch = new Watch(kube.config);
  const statuses = new Map<string, string>();
  const accepted = new Set<string>();
  let routeWrites = 0;
  let gatewayWrites = 0;
  let gatewayStatus = '';
  const routes = await kube.objects.list('gateway.networking.k8s.io/v1', 'HTTPRoute', namespace);
  const gateways = await kube.objects.list('gateway.networking.k8s.io/v1', 'Gateway', gateway.namespace, undefined, undefined, undefined, `metadata.name=${gateway.name}`);
  for (const route of routes.items as RouteObject[]) statuses.set(route.metadata?.name ?? '', JSON.stringify(route.status ?? {}));
  gatewayStatus = JSON.stringify((gateways.items[0] as { status?: unknown } | undefined)?.status ?? {});
  const onRoute = (phase: string, route: RouteObject) => {
    const name = route.metadata?.name ?? '';
    const status = JSON.stringify(route.status ?? {});
    if (phase === 'DELETED') {
      statuses.delete(name);
      accepted.delete(name);
      return;
    }
    if (phase === 'MODIFIED' && statuses.get(name) !== status) routeWrites += 1;
    statuses.set(name, status);
    if (acceptedBy(route, gateway, namespace)) accepted.add(name);
    else accepted.delete(name);
  };
  const onGateway = (phase: string, object: { status?: unknown }) => {
    const status = JSON.stringify(object.status ?? {});
    if (phase === 'MODIFIED' && status !== gatewayStatus) gatewayWrites += 1;
    gatewayStatus = status;
  };
  const ignoreEnd = () => {};
  const routeWatch = await watch.watch(
    `/apis/gateway.networking.k8s.io/v1/namespaces/${namespace}/httproutes`,
    { resourceVersion: routes.metadata?.resourceVersion, allowWatchBookmarks: false },
    onRoute,
    ignoreEnd,
  );
  const gatewayWatch = await watch.watch(
    `/apis/gateway.networking.k8s.io/v1/namespaces/${gateway.namespace}/gateways`,
    { resourceVersion: gateways.metadata?.resourceVersion, fieldSelector: `metadata.name=${gateway.name}` },
    onGateway,
    ignoreEnd,
  );
  return {
    routeStatusWrites: () => routeWrites,
    gatewayStatusWrites: () => gatewayWrites,
    accepted: (names) => [...names].filter((name) => accepted.has(name)).length,
    stop() {
      routeWatch.abort();
      gatewayWatch.abort();
    },
  };
}
