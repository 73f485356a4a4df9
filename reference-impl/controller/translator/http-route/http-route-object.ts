// The HTTPRoute as the API server returns it (only the fields the translator reads): rules with their
// matches, filters (each type with its own field), backendRefs with their own filters, timeouts and retry.
// Values the CRDs constrain to an enum are typed as strings: the translator must refuse unknown ones, not
// trust them.
import type { BackendObjectReference, BackendRef, ParentRef, RouteObject } from '../snapshot.ts';

export interface HTTPBackendRef extends BackendRef {
  /** Applied only to requests sent to this backend. */
  filters?: HTTPRouteFilter[];
}

export interface HTTPRouteMatch {
  path?: { type?: string; value?: string };
  headers?: { type?: string; name: string; value: string }[];
  queryParams?: { type?: string; name: string; value: string }[];
  method?: string;
}

export interface HTTPHeader {
  name: string;
  value: string;
}

export interface HTTPHeaderFilter {
  set?: HTTPHeader[];
  add?: HTTPHeader[];
  remove?: string[];
}

export interface HTTPPathModifier {
  type: string;
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

export interface HTTPRequestRedirectFilter {
  scheme?: string;
  hostname?: string;
  path?: HTTPPathModifier;
  port?: number;
  statusCode?: number;
}

export interface HTTPURLRewriteFilter {
  hostname?: string;
  path?: HTTPPathModifier;
}

export interface HTTPRequestMirrorFilter {
  backendRef: BackendObjectReference;
  percent?: number;
  fraction?: { numerator: number; denominator?: number };
}

export interface HTTPCORSFilter {
  allowOrigins?: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  allowCredentials?: boolean;
  maxAge?: number;
}

/** A filter as the route writes it: `type` names which one of the other fields is set. */
export interface HTTPRouteFilter {
  type: string;
  requestHeaderModifier?: HTTPHeaderFilter;
  responseHeaderModifier?: HTTPHeaderFilter;
  requestRedirect?: HTTPRequestRedirectFilter;
  urlRewrite?: HTTPURLRewriteFilter;
  requestMirror?: HTTPRequestMirrorFilter;
  cors?: HTTPCORSFilter;
  extensionRef?: { group?: string; kind: string; name: string };
}

/** Durations in the Gateway API format (GEP-2257), e.g. `1h2m3s4ms`. */
export interface HTTPRouteTimeouts {
  request?: string;
  backendRequest?: string;
}

/** Only in the experimental channel's CRDs; absent on clusters with the standard channel. */
export interface HTTPRouteRetry {
  codes?: number[];
  attempts?: number;
  backoff?: string;
}

export interface HTTPRouteRule {
  name?: string;
  matches?: HTTPRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: HTTPBackendRef[];
  timeouts?: HTTPRouteTimeouts;
  retry?: HTTPRouteRetry;
}

export interface HTTPRouteObject extends RouteObject {
  spec: { parentRefs?: ParentRef[]; hostnames?: string[]; rules?: HTTPRouteRule[] };
}

