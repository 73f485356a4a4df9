// Every route kind this controller translates, with its rule compilation, for code that handles all kinds
// alike (the reconciler reading stored statuses). Its names and plurals are in route-kind-catalog.ts.
import { httpRouteKind } from './http-route/http-route-kind.ts';
import type { RouteKind } from './route-kind.ts';
import type { RouteObject } from './snapshot.ts';

export const ROUTE_KINDS: readonly RouteKind<RouteObject, unknown>[] = [httpRouteKind as RouteKind<RouteObject, unknown>];
