// The GRPCRoute as the API server returns it (gateway.networking.k8s.io/v1; only the fields the translator
// reads): rules matching on a call's service and method and on its metadata (headers), the filters that apply
// to gRPC (header modifiers, mirror, ExtensionRef) and weighted backendRefs with their own filters. Enum values
// are typed as strings: the translator refuses unknown ones rather than trusting them.
import type { BackendRef, HTTPRouteFilter, ParentRef, RouteObject } from '../snapshot.ts';

/** `type` Exact (default) or RegularExpression; at least one of service and method is set. */
export interface GRPCMethodMatch {
  type?: string;
  /** The fully qualified service name, e.g. `gateway_api_conformance.echo_basic.grpcecho.GrpcEcho`. */
  service?: string;
  method?: string;
}

export interface GRPCHeaderMatch {
  type?: string;
  name: string;
  value: string;
}

export interface GRPCRouteMatch {
  method?: GRPCMethodMatch;
  headers?: GRPCHeaderMatch[];
}

/** The HTTPRoute filter shape; GRPCRoute allows only RequestHeaderModifier, ResponseHeaderModifier, RequestMirror and ExtensionRef. */
export type GRPCRouteFilter = HTTPRouteFilter;

export interface GRPCBackendRef extends BackendRef {
  filters?: GRPCRouteFilter[];
}

export interface GRPCRouteRule {
  name?: string;
  matches?: GRPCRouteMatch[];
  filters?: GRPCRouteFilter[];
  backendRefs?: GRPCBackendRef[];
}

export interface GRPCRouteObject extends RouteObject {
  spec: { parentRefs?: ParentRef[]; hostnames?: string[]; rules?: GRPCRouteRule[] };
}
