// TCPRoute as a route kind: its objects and its rules compiled to weighted stream backends. Parents, attachment
// to TCP listeners (by port and sectionName), backend resolution, ReferenceGrants and status are the shared
// stages'; what a TCP listener does with the attached routes is stream-route/stream-listener-ir.ts.
import type { RouteKind } from '../route-kind.ts';
import { TCP_ROUTE } from '../route-kind-catalog.ts';
import type { TCPRouteObject } from '../stream-route/stream-route-object.ts';
import { type CompiledStreamRule, compileStreamRoute } from '../stream-route/stream-rule-compiler.ts';

export const tcpRouteKind: RouteKind<TCPRouteObject, CompiledStreamRule> = {
  ...TCP_ROUTE,
  routesOf: (snapshot) => snapshot.tcpRoutes,
  // A TCPRoute has no hostnames: it takes its listener's.
  hostnamesOf: () => undefined,
  compile: (route, index) => compileStreamRoute(TCP_ROUTE.kind, route, index),
};
