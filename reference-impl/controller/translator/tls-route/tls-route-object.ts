// The TLSRoute as the API server returns it (gateway.networking.k8s.io/v1; only the fields the translator reads):
// SNI hostnames and rules of backendRefs. The CRD asks for one rule with at least one backendRef and at least one
// hostname; the translator does not rely on it (a route written against a looser CRD is still judged).
import type { BackendRef, ParentRef, RouteObject } from '../snapshot.ts';

export interface TLSRouteRule {
  name?: string;
  backendRefs?: BackendRef[];
}

export interface TLSRouteObject extends RouteObject {
  spec: { parentRefs?: ParentRef[]; hostnames?: string[]; rules?: TLSRouteRule[] };
}
