// The intermediate representation: the only thing a proxy knows about the Gateway it serves.
// The controller's translator produces one GatewayIR per Gateway; the config server streams it to
// that Gateway's proxy pods. Everything the proxy needs is resolved here: no Kubernetes names are
// looked up by the proxy, endpoints are concrete addresses, rules are already in precedence order.

/** Bumped on any breaking change to the shapes below; a proxy refuses an IR of another version. */
export const IR_SCHEMA_VERSION = 1;

export interface GatewayIR {
  schemaVersion: typeof IR_SCHEMA_VERSION;
  gateway: { namespace: string; name: string };
  /** One entry per distinct port the proxy must listen on (Gateway listeners sharing a port are merged). */
  listeners: PortListenerIR[];
}

export interface PortListenerIR {
  port: number;
  protocol: 'HTTP';
  /**
   * Virtual hosts, matched against the request's Host (port stripped, lower-cased).
   * `hostname` is an exact name, a wildcard `*.example.com`, or `*` (any host).
   * The proxy picks the most specific match: exact, then the longest wildcard suffix, then `*`.
   */
  virtualHosts: VirtualHostIR[];
}

export interface VirtualHostIR {
  hostname: string;
  /** In Gateway API precedence order: the proxy takes the first whose match fits. */
  rules: RouteRuleIR[];
}

export interface RouteRuleIR {
  /** Stable id for logs and tests: `<routeNamespace>/<routeName>/rule/<i>/match/<j>`. */
  id: string;
  match: HttpMatchIR;
  /** Weighted choice among these; a request that picks an invalid backend (or finds no weight at all) gets 500. */
  backends: BackendIR[];
}

export interface HttpMatchIR {
  path: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  /** Header names are lower-case; all must match. */
  headers: { type: 'Exact' | 'RegularExpression'; name: string; value: string }[];
  method?: string;
  queryParams: { type: 'Exact' | 'RegularExpression'; name: string; value: string }[];
}

export type BackendIR = ServiceBackendIR | InvalidBackendIR;

export interface ServiceBackendIR {
  kind: 'service';
  /** `<namespace>/<service>:<port>`, for logs. */
  name: string;
  weight: number;
  /** Ready endpoints (pod address and target port). Empty means no healthy upstream: 503. */
  endpoints: { address: string; port: number }[];
}

/** A backendRef that could not be resolved (not found, not permitted, unsupported kind): answered with 500. */
export interface InvalidBackendIR {
  kind: 'invalid';
  name: string;
  weight: number;
  reason: string;
}

// ---- config stream (controller -> proxy) ----

/** Default port of the controller's config server. */
export const CONFIG_SERVER_PORT = 18000;

/** Path of the stream for one Gateway: newline-delimited JSON `ConfigStreamMessage`s. */
export function configStreamPath(namespace: string, name: string): string {
  return `/v1/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/ir`;
}

/**
 * One line of the stream. The server sends the current IR at once on connect and again on every
 * change; `version` increases strictly within one server process. `ir` is null while the Gateway
 * does not exist or is not programmed (the proxy then serves nothing new and keeps its last router).
 */
export interface ConfigStreamMessage {
  version: number;
  ir: GatewayIR | null;
}
