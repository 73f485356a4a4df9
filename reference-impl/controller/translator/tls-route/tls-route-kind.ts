// TLSRoute as a route kind: its objects, its SNI hostnames, and its rules compiled to weighted stream backends.
// Parents, attachment to TLS listeners, hostname intersection, backend resolution, ReferenceGrants and status are
// the shared stages'; what a listener does with the attached routes is tls-listener-ir.ts.
import type { RouteKind } from '../route-kind.ts';
import { TLS_ROUTE } from '../route-kind-catalog.ts';
import type { TLSRouteObject } from '../snapshot.ts';
import { type CompiledTlsRule, compileTlsRoute } from './tls-rule-compiler.ts';

export const tlsRouteKind: RouteKind<TLSRouteObject, CompiledTlsRule> = {
  ...TLS_ROUTE,
  routesOf: (snapshot) => snapshot.tlsRoutes,
  hostnamesOf: (route) => route.spec.hostnames,
  compile: compileTlsRoute,
};
