// Every route kind this controller translates, for code that handles all kinds alike (the reconciler reading
// the statuses stored on routes). Names, plurals and listener protocols are in route-kind-catalog.ts.
import { grpcRouteKind } from './grpc-route/grpc-route-kind.ts';
import { httpRouteKind } from './http-route/http-route-kind.ts';
import type { RouteKind } from './route-kind.ts';
import type { RouteObject } from './snapshot.ts';
import { tcpRouteKind } from './tcp-route/tcp-route-kind.ts';
import { tlsRouteKind } from './tls-route/tls-route-kind.ts';
import { udpRouteKind } from './udp-route/udp-route-kind.ts';

export const ROUTE_KINDS: readonly Pick<RouteKind<RouteObject, unknown>, 'kind' | 'routesOf'>[] = [httpRouteKind, grpcRouteKind, tlsRouteKind, tcpRouteKind, udpRouteKind];
