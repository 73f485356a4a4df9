// HTTPRoute as a route kind: its objects, its hostnames, and its rule compilation. Everything else (parents,
// attachment, hostname intersection, backend resolution, ReferenceGrants, status) is the shared stages'.

import type { RouteKind } from '../route-kind.ts';
import { HTTP_ROUTE } from '../route-kind-catalog.ts';
import type { HTTPRouteObject } from '../snapshot.ts';
import { type CompiledRule, compileHttpRoute } from './http-rule-compiler.ts';

export const httpRouteKind: RouteKind<HTTPRouteObject, CompiledRule> = {
  ...HTTP_ROUTE,
  routesOf: (snapshot) => snapshot.httpRoutes,
  hostnamesOf: (route) => route.spec.hostnames,
  compile: compileHttpRoute,
};
