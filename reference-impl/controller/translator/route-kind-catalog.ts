// The route kinds this controller serves, described by what listener validation, attachment and the status
// writer need: the kind's name, its resource plural and the listener protocols it attaches to. Rule
// compilation lives with each kind (route-kinds.ts); this file imports none of it, so the status writer and
// listener validation stay light. A new kind (GRPCRoute, TLSRoute, TCPRoute, UDPRoute) adds its entry here.
import { GATEWAY_API_GROUP } from './gateway-api-names.ts';
import type { RouteGroupKind } from './snapshot.ts';

export interface RouteKindInfo {
  kind: string;
  /** The resource's plural under gateway.networking.k8s.io/v1 (the status subresource is written there). */
  plural: string;
  /** Listener protocols a route of this kind may attach to. */
  listenerProtocols: readonly string[];
}

export const HTTP_ROUTE = { kind: 'HTTPRoute', plural: 'httproutes', listenerProtocols: ['HTTP', 'HTTPS'] } as const satisfies RouteKindInfo;

/** GRPCRoute attaches to the HTTP listeners: a gRPC call is an HTTP/2 request (h2c on HTTP, ALPN h2 on HTTPS). */
export const GRPC_ROUTE = { kind: 'GRPCRoute', plural: 'grpcroutes', listenerProtocols: ['HTTP', 'HTTPS'] } as const satisfies RouteKindInfo;

/** TLSRoute attaches to TLS listeners, in Passthrough and Terminate mode alike. */
export const TLS_ROUTE = { kind: 'TLSRoute', plural: 'tlsroutes', listenerProtocols: ['TLS'] } as const satisfies RouteKindInfo;

/** TCPRoute attaches to TCP listeners, UDPRoute to UDP listeners: neither has hostnames. */
export const TCP_ROUTE = { kind: 'TCPRoute', plural: 'tcproutes', listenerProtocols: ['TCP'] } as const satisfies RouteKindInfo;
export const UDP_ROUTE = { kind: 'UDPRoute', plural: 'udproutes', listenerProtocols: ['UDP'] } as const satisfies RouteKindInfo;

export const SERVED_ROUTE_KINDS = [HTTP_ROUTE, GRPC_ROUTE, TLS_ROUTE, TCP_ROUTE, UDP_ROUTE] as const satisfies readonly RouteKindInfo[];

export type RouteKindName = (typeof SERVED_ROUTE_KINDS)[number]['kind'];

/** Listener protocols at least one served route kind attaches to: the only ones a listener may use. */
export const SERVED_LISTENER_PROTOCOLS: readonly string[] = [...new Set(SERVED_ROUTE_KINDS.flatMap((kind) => kind.listenerProtocols))];

/** The route kinds a listener of this protocol supports, as its status lists them. */
export function routeKindsForProtocol(protocol: string): RouteGroupKind[] {
  return SERVED_ROUTE_KINDS.filter((kind) => (kind.listenerProtocols as readonly string[]).includes(protocol)).map((kind) => ({ group: GATEWAY_API_GROUP, kind: kind.kind }));
}

export const ROUTE_KIND_PLURALS = Object.fromEntries(SERVED_ROUTE_KINDS.map((kind) => [kind.kind, kind.plural])) as Record<RouteKindName, string>;
