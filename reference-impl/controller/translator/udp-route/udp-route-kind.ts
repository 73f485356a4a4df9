// UDPRoute as a route kind: its objects and its rules compiled to weighted stream backends. Parents, attachment
// to UDP listeners (by port and sectionName), backend resolution, ReferenceGrants and status are the shared
// stages'; what a UDP listener does with the attached routes is stream-route/stream-listener-ir.ts.
import type { RouteKind } from '../route-kind.ts';
import { UDP_ROUTE } from '../route-kind-catalog.ts';
import type { UDPRouteObject } from '../stream-route/stream-route-object.ts';
import { type CompiledStreamRule, compileStreamRoute } from '../stream-route/stream-rule-compiler.ts';

export const udpRouteKind: RouteKind<UDPRouteObject, CompiledStreamRule> = {
  ...UDP_ROUTE,
  routesOf: (snapshot) => snapshot.udpRoutes,
  // A UDPRoute has no hostnames: it takes its listener's.
  hostnamesOf: () => undefined,
  compile: (route, index) => compileStreamRoute(UDP_ROUTE.kind, route, index),
};
