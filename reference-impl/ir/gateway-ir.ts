// The intermediate representation: the only thing a proxy knows about the Gateway it serves.
// The controller's translator produces one GatewayIR per Gateway; the config server streams it to
// that Gateway's proxy pods. Everything the proxy needs is resolved here: no Kubernetes names are
// looked up by the proxy, endpoints are concrete addresses, rules are already in precedence order.

/**
 * Bumped on any breaking change to the shapes below; a proxy refuses an IR of another version. 4: TLS listeners
 * (TLSRoute: SNI routing before termination) and, on HTTPS ports, client certificate validation; TLS to backends
 * and the Gateway's backend client certificate (a proxy ignoring any of them would let in clients the Gateway
 * keeps out, or speak cleartext to a TLS backend).
 */
export const IR_SCHEMA_VERSION = 4;

export interface GatewayIR {
  schemaVersion: typeof IR_SCHEMA_VERSION;
  gateway: { namespace: string; name: string };
  /** One entry per distinct TCP port the proxy must listen on (Gateway listeners sharing a port are merged). */
  listeners: PortListenerIR[];
  /**
   * The certificate the proxy presents when a backend it speaks TLS to (a backend with `tls`) asks for one
   * (the Gateway's spec.tls.backend.clientCertificateRef). Absent: none is presented.
   */
  backendClientCertificate?: TlsCertificateIR;
  /**
   * The UDP ports the proxy must listen on: one per served Gateway listener of protocol UDP (UDPRoute), sorted by
   * port. Absent when the Gateway has none. A UDP port may have the same number as a TCP port of `listeners`.
   */
  udpListeners?: UdpListenerIR[];
}

export interface PortListenerIR {
  port: number;
  /**
   * HTTP: cleartext, HTTP/1.1 or h2c (HTTP/2 with prior knowledge). HTTPS: TLS terminated with `tls`, then
   * HTTP/1.1 or h2 as the client's ALPN offer allows (h2 preferred). TLS: only `tlsListeners` (Gateway
   * listeners of protocol TLS), no HTTP at all. An HTTPS port may carry `tlsListeners` too: every connection
   * to it is then told apart by the SNI of its ClientHello, before anything is terminated. HTTP never shares
   * a port with the other two. TCP: only `tcp` (a Gateway listener of protocol TCP, TCPRoute): every connection
   * is carried as a byte stream, nothing is read from it; a TCP port shares itself with no other protocol.
   */
  protocol: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP';
  /** Present exactly when `protocol` is TCP. */
  tcp?: StreamListenerIR;
  /** Present exactly when `protocol` is HTTPS. */
  tls?: PortTlsIR;
  /**
   * Virtual hosts, sorted by hostname (code unit order), matched against the request's Host (port stripped, lower-cased).
   * `hostname` is an exact name, a wildcard `*.example.com`, or `*` (any host).
   * The proxy picks the most specific match: exact, then the longest wildcard suffix, then `*`.
   * Empty on a TLS port.
   */
  virtualHosts: VirtualHostIR[];
  /**
   * The port's listeners of protocol TLS (TLSRoute), at least one when present: always on a TLS port, on an
   * HTTPS port when TLS and HTTPS listeners share it. A connection goes to the listener whose hostname matches
   * its SNI most specifically, among these and the HTTPS server names of `tls` alike (exact, then the longest
   * wildcard suffix, then `*`; a ClientHello without SNI matches only `*`). One matching nothing is closed
   * before any handshake.
   */
  tlsListeners?: TlsListenerIR[];
}

/**
 * TLS termination on one port: one server name entry per HTTPS listener of the port. The handshake picks the
 * entry whose hostname matches the client's SNI most specifically (exact, then the longest wildcard suffix,
 * then `*`); a client sending no SNI gets the `*` entry. A handshake no entry matches is refused. A request on
 * the connection whose Host matches another entry more specifically than the one SNI picked is answered 421
 * (Misdirected Request); one whose Host matches no entry at all, 404.
 */
export interface PortTlsIR {
  serverNames: TlsServerNameIR[];
  /** Client certificates asked for on this port (the Gateway's spec.tls.frontend, default or per port); absent: none asked for. */
  clientValidation?: ClientValidationIR;
}

/**
 * AllowValidOnly: a connection whose client presents no certificate, or one that does not chain to
 * `caCertificates`, is refused. AllowInsecureFallback: a certificate is asked for and verified, and the connection
 * is served whatever the outcome.
 */
export interface ClientValidationIR {
  mode: 'AllowValidOnly' | 'AllowInsecureFallback';
  /** PEM: every CA certificate a client certificate may chain to (at least one). */
  caCertificates: string;
}

export interface TlsServerNameIR {
  /** The listener's hostname, lower case: exact, `*.suffix`, or `*` for a listener without one. */
  hostname: string;
  /** The Gateway listener's name, for logs. */
  listener: string;
  /**
   * At least one, in the listener's certificateRefs order. With several, the handshake serves the first
   * whose names cover the SNI (the first of all when none does).
   */
  certificates: TlsCertificateIR[];
}

export interface TlsCertificateIR {
  /** `<namespace>/<name>` of the Secret the certificate came from, for logs. */
  name: string;
  /** PEM: the serving certificate, then any intermediates. */
  certificateChain: string;
  /** PEM private key of the serving certificate. */
  privateKey: string;
}

/**
 * A Gateway listener of protocol TLS: the connections it owns are carried as byte streams to the backends of the
 * TLSRoute whose hostname matches the SNI most specifically (exact, then the longest wildcard suffix). With
 * Passthrough the stream is the client's TLS session itself, forwarded from its first byte untouched; with
 * Terminate the proxy completes the handshake with `certificates` (chosen as an HTTPS server name's are) and
 * forwards the decrypted bytes. A connection whose SNI no route matches, or whose chosen backend is invalid or
 * has no endpoint, is closed without a handshake.
 */
export interface TlsListenerIR {
  /** The listener's hostname, lower case: exact, `*.suffix`, or `*` for a listener without one. */
  hostname: string;
  /** The Gateway listener's name, for logs. */
  listener: string;
  mode: 'Passthrough' | 'Terminate';
  /** Present exactly when `mode` is Terminate: at least one, in the listener's certificateRefs order. */
  certificates?: TlsCertificateIR[];
  /** One entry per route hostname attached to the listener, sorted by hostname; a hostname appears once. */
  routes: TlsRouteIR[];
}

export interface TlsRouteIR {
  /** An SNI pattern, lower case: exact or `*.suffix` (the route's hostname intersected with the listener's). */
  hostname: string;
  /** `<namespace>/<name>` of the TLSRoute, for logs. */
  route: string;
  /** Weighted choice among these, per connection; a connection that picks an invalid one (or finds no weight) is closed. */
  backends: StreamBackendIR[];
}

/**
 * A Gateway listener of protocol TCP or UDP. Such a listener has no hostname to tell routes apart, so one route
 * carries all its traffic: of the routes attached to it, the oldest (then the first by namespace/name), as the
 * specification settles conflicts between routes. The others stay attached (they count in the listener's
 * attachedRoutes) and take over when it goes.
 */
export interface StreamListenerIR {
  /** The Gateway listener's name, for logs. */
  listener: string;
  /** Absent when no route is attached: every connection (datagram) is refused (dropped). */
  route?: StreamRouteIR;
}

export interface StreamRouteIR {
  /** `<namespace>/<name>` of the TCPRoute or UDPRoute, for logs. */
  route: string;
  /**
   * Weighted choice among these: per connection on a TCP listener; per flow on a UDP listener (a client's
   * address and port: its datagrams all go to the backend its first one picked while the flow is alive).
   * A connection or flow that picks an invalid backend, or one without endpoints, is refused.
   */
  backends: StreamBackendIR[];
}

/** A UDP port of the proxy: datagrams from one client (address:port) form a flow, forgotten once idle. */
export interface UdpListenerIR extends StreamListenerIR {
  port: number;
}

export type StreamBackendIR = StreamServiceBackendIR | InvalidBackendIR;

/** A Service port reached over plain TCP: the proxy only moves bytes. */
export interface StreamServiceBackendIR {
  kind: 'service';
  /** `<namespace>/<service>:<port>`, for logs. */
  name: string;
  weight: number;
  /** Ready endpoints (pod address and target port). Empty: a connection that picks this backend is closed. */
  endpoints: { address: string; port: number }[];
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
  /**
   * The rule's filters in the order the route lists them. Request-side filters (header modifier, rewrite,
   * mirror) act on the request before it goes upstream; RequestRedirect answers without any backend;
   * ResponseHeaderModifier acts on the answer; CORS answers preflights itself and decorates answers.
   */
  filters: HttpFilterIR[];
  /** Weighted choice among these; a request that picks an invalid backend (or finds no weight at all) gets 500. */
  backends: BackendIR[];
  /** 0 (the spec's `0s`): no limit at all. Absent: the proxy's own defaults for waiting on a backend. */
  timeouts?: { requestMs?: number; backendRequestMs?: number };
  /** Absent: a failed attempt is not retried. */
  retry?: RetryIR;
  /**
   * Set when the rule cannot be honoured (an ExtensionRef to an unknown kind, an invalid filter): every
   * request the rule matches is answered 500 with this reason, as the specification requires, instead of
   * silently skipping the filter.
   */
  failure?: { reason: string };
}

export interface HttpMatchIR {
  path: { type: 'Exact' | 'PathPrefix' | 'RegularExpression'; value: string };
  /** Header names are lower-case; all must match. */
  headers: { type: 'Exact' | 'RegularExpression'; name: string; value: string }[];
  method?: string;
  queryParams: { type: 'Exact' | 'RegularExpression'; name: string; value: string }[];
}

export type HttpFilterIR = HeaderModifierIR | RequestRedirectIR | UrlRewriteIR | RequestMirrorIR | CorsIR;

export interface HeaderIR {
  /** As the route wrote it; the proxy compares names case-insensitively. */
  name: string;
  value: string;
}

/** RequestHeaderModifier / ResponseHeaderModifier: applied in the order set, add, remove. */
export interface HeaderModifierIR {
  type: 'RequestHeaderModifier' | 'ResponseHeaderModifier';
  set: HeaderIR[];
  add: HeaderIR[];
  remove: string[];
}

/**
 * ReplaceFullPath replaces the whole path; ReplacePrefixMatch replaces `prefix` (the rule's PathPrefix
 * match value, copied here so the proxy needs nothing else) element-wise, as the specification describes.
 */
export type PathModifierIR = { type: 'ReplaceFullPath'; value: string } | { type: 'ReplacePrefixMatch'; prefix: string; value: string };

/**
 * Omitted parts keep the request's own (hostname from Host, path); an omitted port follows the
 * specification: the scheme's well-known port when `scheme` is set, else the listener's port; a
 * well-known port of the resulting scheme is left out of the Location.
 */
export interface RequestRedirectIR {
  type: 'RequestRedirect';
  scheme?: 'http' | 'https';
  hostname?: string;
  port?: number;
  path?: PathModifierIR;
  statusCode: 301 | 302 | 303 | 307 | 308;
}

export interface UrlRewriteIR {
  type: 'URLRewrite';
  hostname?: string;
  path?: PathModifierIR;
}

/**
 * A copy of the request goes to `backend` for numerator/denominator of requests (1/1 when the route gave
 * neither percent nor fraction). The copy's answer is dropped; it never delays or fails the request. An
 * invalid backend means no copy is sent.
 */
export interface RequestMirrorIR {
  type: 'RequestMirror';
  backend: BackendIR;
  fraction: { numerator: number; denominator: number };
}

/** The HTTPRoute CORS filter, with the specification's defaults filled in. */
export interface CorsIR {
  type: 'CORS';
  /** Origins as written: exact `scheme://host[:port]`, with `*` wildcards in the host, or `*` alone. */
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  maxAgeSeconds: number;
}

export interface RetryIR {
  /** HTTP status codes that make an attempt count as failed; connection errors always do. */
  codes: number[];
  /** Attempts in all, the first included. */
  attempts: number;
  /** Pause before each retry. */
  backoffMs: number;
}

export type BackendIR = ServiceBackendIR | InvalidBackendIR;

export interface ServiceBackendIR {
  kind: 'service';
  /** `<namespace>/<service>:<port>`, for logs. */
  name: string;
  weight: number;
  /**
   * From the Service port's appProtocol: `kubernetes.io/h2c` -> h2c, `kubernetes.io/ws` -> websocket; else http
   * (HTTP/1.1). h2: HTTP/2 over TLS (ALPN h2), only with `tls` (a GRPCRoute's backend under a BackendTLSPolicy).
   */
  protocol: 'http' | 'h2c' | 'h2' | 'websocket';
  /** Filters of this backendRef only: they act on requests sent to this backend (after the rule's). */
  filters: HttpFilterIR[];
  /** Ready endpoints (pod address and target port). Empty means no healthy upstream: 503. */
  endpoints: { address: string; port: number }[];
  /**
   * Present: the proxy speaks TLS to every endpoint (the Service port's BackendTLSPolicy), `protocol` over it
   * (http: HTTP/1.1, h2: HTTP/2, websocket: WebSocket; never h2c). A handshake that fails verification fails the
   * attempt (502).
   */
  tls?: BackendTlsIR;
}

export interface BackendTlsIR {
  /** Sent as SNI; without `subjectAltNames`, also the name the backend's certificate must carry. */
  serverName: string;
  /** PEM CA certificates the backend's chain must lead to; absent: the proxy's well-known (system) CAs. */
  caCertificates?: string;
  /**
   * When present, the certificate must carry at least one of these (DNS names matched as TLS clients match host
   * names, URIs exactly) and `serverName` is not checked.
   */
  subjectAltNames?: { type: 'Hostname' | 'URI'; value: string }[];
}

/** A backendRef that could not be resolved (not found, not permitted, unsupported kind): answered with 500 (a stream: closed). */
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
 * Query of a stream request by which a proxy asks for changes as deltas (ConfigStreamDelta) after the first IR.
 * Without it every change comes as a whole IR: a proxy of another release never gets a line it cannot read.
 */
export const DELTA_STREAM_QUERY = 'deltas=1';

/**
 * One line of the stream. The server sends the current IR at once on connect and again on every
 * change; `version` increases strictly within one server process. `ir` is null while the Gateway
 * does not exist or is not programmed (the proxy then serves nothing new and keeps its last router).
 */
export interface ConfigStreamMessage {
  version: number;
  ir: GatewayIR | null;
}

/**
 * A change of the IR, to a stream that asked for deltas and was sent `baseVersion` last: with 1,000 routes an IR
 * is ~0.5 MB, and a proxy parsing it whole for each route applied was a third of a route's propagation delay.
 * The new IR is `frame` with each port's virtual hosts: those of the base IR's same port, minus `removed`, with
 * `changed` added or replacing the one of the same hostname, sorted by hostname (virtual hosts always are).
 * A proxy that does not hold `baseVersion` cannot apply it: it reconnects and gets the whole IR.
 */
export interface ConfigStreamDelta {
  version: number;
  baseVersion: number;
  /** The new IR with every port's `virtualHosts` empty. */
  frame: GatewayIR;
  /** Ports of `frame` whose virtual hosts differ from the base IR's; the others keep the base's. */
  hosts: VirtualHostChange[];
}

export interface VirtualHostChange {
  port: number;
  changed: VirtualHostIR[];
  removed: string[];
}
