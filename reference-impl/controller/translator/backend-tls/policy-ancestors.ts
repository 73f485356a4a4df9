// Which Gateways a BackendTLSPolicy's status reports on: those whose attached routes (HTTPRoutes and GRPCRoutes:
// the proxy speaks TLS to the backends of both) reach a Service it targets. A route reaches the Services its rules' backendRefs name, and those of its RequestMirror filters (on rules and
// on backendRefs): the proxy speaks to all of them, so the policy matters to all of them.
import { CORE_GROUP, SERVICE_KIND } from '../gateway-api-names.ts';
import type { BackendObjectReference } from '../snapshot.ts';

/** Gateway `<namespace>/<name>` -> routes (`<kind>/<namespace>/<name>`) attached to it. */
export type RoutesByGateway = ReadonlyMap<string, ReadonlySet<string>>;

/** What of a route names Services: HTTPRoutes and GRPCRoutes alike (backendRefs, and RequestMirror filters). */
interface RouteWithBackends {
  metadata: { namespace?: string; name: string };
  spec: { rules?: { filters?: MirrorFilter[]; backendRefs?: (BackendObjectReference & { filters?: MirrorFilter[] })[] }[] };
}

interface MirrorFilter {
  requestMirror?: { backendRef: BackendObjectReference };
}

/** The routes of one kind (HTTPRoute, GRPCRoute), with the kind that prefixes their keys in `routesByGateway`. */
export interface RoutesOfKind {
  kind: string;
  routes: readonly RouteWithBackends[];
}

/** Service `<namespace>/<name>` -> Gateways whose attached routes (of the kinds given) reach it. */
export function gatewaysByService(kinds: readonly RoutesOfKind[], routesByGateway: RoutesByGateway): Map<string, Set<string>> {
  const servicesOfRoute = new Map(kinds.flatMap(({ kind, routes }) => routes.map((route): [string, string[]] => [`${kind}/${route.metadata.namespace ?? ''}/${route.metadata.name}`, servicesOf(route)])));
  const result = new Map<string, Set<string>>();
  for (const [gatewayKey, routeKeys] of routesByGateway) {
    for (const routeKey of routeKeys) {
      for (const service of servicesOfRoute.get(routeKey) ?? []) result.set(service, (result.get(service) ?? new Set()).add(gatewayKey));
    }
  }
  return result;
}

function servicesOf(route: RouteWithBackends): string[] {
  const namespace = route.metadata.namespace ?? '';
  const refs: BackendObjectReference[] = [];
  const mirrors = (filters: MirrorFilter[] | undefined) => {
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
