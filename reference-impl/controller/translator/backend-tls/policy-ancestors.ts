// Which Gateways a BackendTLSPolicy's status reports on: those whose attached routes reach a Service it targets.
// A route reaches the Services its rules' backendRefs name, and those of its RequestMirror filters (on rules and
// on backendRefs): the proxy speaks to all of them, so the policy matters to all of them.
import { CORE_GROUP, SERVICE_KIND } from '../gateway-api-names.ts';
import type { BackendObjectReference, HTTPRouteFilter, HTTPRouteObject } from '../snapshot.ts';

/** Gateway `<namespace>/<name>` -> routes (`<kind>/<namespace>/<name>`) attached to it. */
export type RoutesByGateway = ReadonlyMap<string, ReadonlySet<string>>;

/** Service `<namespace>/<name>` -> Gateways whose attached HTTPRoutes reach it. */
export function gatewaysByService(routes: readonly HTTPRouteObject[], routesByGateway: RoutesByGateway, routeKind: string): Map<string, Set<string>> {
  const servicesOfRoute = new Map(routes.map((route) => [`${routeKind}/${route.metadata.namespace ?? ''}/${route.metadata.name}`, servicesOf(route)]));
  const result = new Map<string, Set<string>>();
  for (const [gatewayKey, routeKeys] of routesByGateway) {
    for (const routeKey of routeKeys) {
      for (const service of servicesOfRoute.get(routeKey) ?? []) result.set(service, (result.get(service) ?? new Set()).add(gatewayKey));
    }
  }
  return result;
}

function servicesOf(route: HTTPRouteObject): string[] {
  const namespace = route.metadata.namespace ?? '';
  const refs: BackendObjectReference[] = [];
  const mirrors = (filters: HTTPRouteFilter[] | undefined) => {
    for (const filter of filters ?? []) if (filter.requestMirror) refs.push(filter.requestMirror.backendRef);
  };
  for (const rule of route.spec.rules ?? []) {
    mirrors(rule.filters);
    for (const ref of rule.backendRefs ?? []) {
      refs.push(ref);
      mirrors(ref.filters);
    }
  }
  return refs.filter(isService).map((ref) => `${ref.namespace ?? namespace}/${ref.name}`);
}

function isService(ref: BackendObjectReference): boolean {
  const group = ref.group ?? CORE_GROUP;
  return (group === CORE_GROUP || group === 'core') && (ref.kind ?? SERVICE_KIND) === SERVICE_KIND;
}
