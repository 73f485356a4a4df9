// GRPCRoute as a route kind: its objects, its hostnames, and its rule compilation into the HTTP rules of the IR
// (grpc-rule-compiler.ts). Parents, attachment to HTTP and HTTPS listeners, hostname intersection, backend
// resolution, ReferenceGrants and status are the shared stages', as for HTTPRoute.
import type { CompiledRule } from '../http-route/http-rule-compiler.ts';
import type { RouteKind } from '../route-kind.ts';
import { GRPC_ROUTE } from '../route-kind-catalog.ts';
import type { GRPCRouteObject } from './grpc-route-object.ts';
import { compileGrpcRoute } from './grpc-rule-compiler.ts';

export const grpcRouteKind: RouteKind<GRPCRouteObject, CompiledRule> = {
  ...GRPC_ROUTE,
  routesOf: (snapshot) => snapshot.grpcRoutes,
  hostnamesOf: (route) => route.spec.hostnames,
  compile: compileGrpcRoute,
};
