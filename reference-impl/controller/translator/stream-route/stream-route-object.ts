// TCPRoute and UDPRoute as the API server returns them (gateway.networking.k8s.io/v1; only the fields the
// translator reads): the two kinds have the same shape, rules of backendRefs with neither matches nor hostnames.
// The CRDs ask for at least one rule; the translator does not rely on it.
import type { BackendRef, ParentRef, RouteObject } from '../snapshot.ts';

export interface StreamRouteRule {
  name?: string;
  backendRefs?: BackendRef[];
}

export interface StreamRouteObject extends RouteObject {
  spec: { parentRefs?: ParentRef[]; rules?: StreamRouteRule[] };
}

export type TCPRouteObject = StreamRouteObject;
export type UDPRouteObject = StreamRouteObject;
