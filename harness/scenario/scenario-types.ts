// The in-memory form of a scenario, as the loader returns it: defaults applied, shorthands expanded,
// durations in milliseconds. The YAML format it comes from is declared in format/ and documented in
// docs/scenarios.md; shapes that pass through unchanged are the declaration's own (Static) types.
//
//   Scenario           one scenario.yaml, validated, with its manifests resolved and located
//   LocatedManifest    a Kubernetes object plus the file:line it was written at
//   AwaitedObject      an object whose status must reach the listed conditions before traffic is sent
//   RequestCase        one request (by protocol) through a Gateway listener and what must come back
//   SplitCase          many requests whose backends must follow the expected weights
//   LoadSpec           a load run through a Gateway listener (open or closed model), judged on errors, split,
//                      misroutes, latency, ratios to a direct baseline, recovery; maybe with churn or a killed pod
//   PropagationSpec    routes applied one by one among many: delay until each serves
//   RouteScaleSpec     many routes created then deleted: time until attached and settled, status writes
//   ScenarioPhase      a change made mid-scenario (delete and/or apply objects), then expectations checked again

// Manifests are the kube layer's type: a scenario's manifests are applied exactly as any other.
import type { KubeManifest, LocatedManifest, SourceLocation } from '../kube/manifest.ts';
import type { BackendExpectationDocument, DnsExpectationDocument, RedirectExpectationDocument, TlsExpectationDocument } from './format/expectation-format.ts';
import type {
  ExchangeStepDocument,
  HttpRequestDocument,
  HttpsRequestDocument,
  TlsStreamRequestDocument,
  UdpDatagramRequestDocument,
  WebSocketMessageDocument,
  WebSocketRequestDocument,
} from './format/protocol-requests.ts';
import type { channels } from './format/scenario-format.ts';

export type { LocatedManifest, SourceLocation };
export type KubeObject = KubeManifest;

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface ConditionExpectation {
  type: string;
  status: ConditionStatus;
  /** Absent: any reason is accepted. */
  reason?: string;
}

export interface ObjectRef {
  namespace: string;
  name: string;
}

/** Conditions expected in a route's status.parents[] entry for one parentRef. */
export interface ParentConditions {
  parent: ObjectRef & { sectionName?: string; port?: number };
  conditions: ConditionExpectation[];
}

export interface ListenerConditions {
  name: string;
  conditions: ConditionExpectation[];
  /** status.listeners[name].attachedRoutes, when given. */
  attachedRoutes?: number;
  /** status.listeners[name].supportedKinds (kind names, any order), when given. */
  supportedKinds?: string[];
}

export interface AwaitedObject {
  kind: string;
  /** Empty for cluster-scoped kinds (GatewayClass). */
  namespace: string;
  name: string;
  /** Top-level status.conditions (Gateways, GatewayClasses). */
  conditions: ConditionExpectation[];
  /** Per-parent route conditions (HTTPRoute and the other route kinds). */
  parents: ParentConditions[];
  /** Per-listener conditions (Gateways). */
  listeners: ListenerConditions[];
  /** Listeners that must have no status entry (Gateways); absent: none. */
  absentListeners?: string[];
  /** Per-ancestor conditions (policies: status.ancestors); absent: none. */
  ancestors?: AncestorConditions[];
  /** Labels and annotations every object provisioned for a Gateway must carry (found by its gateway-name label); absent: not checked. */
  provisioned?: { labels: Record<string, string>; annotations: Record<string, string> };
  /** A Gateway's status.attachedListenerSets (an absent field counts as 0); absent: not checked. */
  attachedListenerSets?: number;
  /** A Gateway's status.addresses, exactly (any order; a type absent here matches any); absent: not checked. */
  addresses?: { type?: string; value: string }[];
  source: SourceLocation;
}

/** A policy's status.ancestors entry for one Gateway and the conditions it must hold. */
export interface AncestorConditions {
  gateway: ObjectRef;
  conditions: ConditionExpectation[];
}

/** An HTTP request as sent: the declaration's `http:` shape, header values as text. */
export type ProbeRequestSpec = Omit<HttpRequestDocument, 'headers'> & { headers?: Record<string, string> };

/** An HTTP request of a request case: a ProbeRequestSpec, maybe with a query parameter made fresh per request. */
export type HttpCaseSpec = ProbeRequestSpec & { uniqueQueryParam?: string };
/** Where a CA certificate is read from in the cluster: a data key of a Secret or ConfigMap. */
export interface CaSource {
  kind: 'Secret' | 'ConfigMap';
  namespace: string;
  name: string;
  /** Absent: ca.crt, or for a Secret without one, tls.crt. */
  key?: string;
}

/** An HTTPS request as sent: the `https:` shape, header values as text, ALPN defaulted, the CA source resolved to a reference. */
export type HttpsRequestSpec = Omit<HttpsRequestDocument, 'headers' | 'ca' | 'alpn' | 'clientCertificate'> & {
  headers?: Record<string, string>;
  alpn: string[];
  ca?: CaSource;
  /** A kubernetes.io/tls Secret whose certificate and key are presented when the server asks for one. */
  clientCertificate?: ObjectRef;
  uniqueQueryParam?: string;
};

/** A WebSocket connection as opened: the declaration's `websocket:` shape with its default messages filled in. */
export type WebSocketSpec = Omit<WebSocketRequestDocument, 'headers' | 'messages'> & { headers?: Record<string, string>; messages: WebSocketMessageDocument[] };

/** A TLS connection as opened: the `tls:` shape, the CA and client certificate sources resolved to references. */
export type TlsStreamSpec = Omit<TlsStreamRequestDocument, 'ca' | 'clientCertificate' | 'exchange' | 'alpn'> & {
  alpn: string[];
  ca?: CaSource;
  /** A kubernetes.io/tls Secret: tls.crt and tls.key. */
  clientCertificate?: ObjectRef;
  exchange: ExchangeStepDocument[];
};

/** A TCP connection as opened: the `tcp:` shape with its exchange defaulted. */
export interface TcpStreamSpec {
  exchange: ExchangeStepDocument[];
}

/** A UDP datagram as sent: text (its default filled in), or a DNS query (its type defaulted). */
export type UdpDatagramSpec = { send: string } | { dnsQuery: Required<NonNullable<UdpDatagramRequestDocument['dnsQuery']>> };

/** A gRPC call as made: the `grpc:` shape, metadata values as text, the CA source resolved to a reference. */
export interface GrpcCallCaseSpec {
  service?: string;
  method: string;
  authority?: string;
  metadata?: Record<string, string>;
  tls?: { serverName?: string; ca?: CaSource };
}

/** What a request case sends, tagged with its protocol key. One variant per key of format/protocol-requests.ts. */
export type SentRequest =
  | ({ protocol: 'http' } & HttpCaseSpec)
  | ({ protocol: 'h2c' } & HttpCaseSpec)
  | ({ protocol: 'https' } & HttpsRequestSpec)
  | ({ protocol: 'websocket' } & WebSocketSpec)
  | ({ protocol: 'tls' } & TlsStreamSpec)
  | ({ protocol: 'tcp' } & TcpStreamSpec)
  | ({ protocol: 'udp' } & UdpDatagramSpec)
  | ({ protocol: 'grpc' } & GrpcCallCaseSpec);

/** The variant of SentRequest for one protocol. */
export type SentRequestOf<P extends SentRequest['protocol']> = Extract<SentRequest, { protocol: P }>;

/**
 * One acceptable value of a response header: exact text (repeated field lines joined by commas), or a
 * comma-separated list of exactly these elements in any order.
 */
export type HeaderValueForm = string | { list: string[] };

export interface ResponseExpectation {
  /** Any of these; [200] when the scenario says nothing (or [302] with a redirect). */
  statuses: number[];
  /** Response headers present (names case-insensitive) with any one of the listed values. */
  headers: Record<string, HeaderValueForm[]>;
  absentHeaders: string[];
}

/** The request as the echo backend saw it. `name` is a pod name prefix (Deployment) or Service name. */
export type BackendExpectation = Omit<BackendExpectationDocument, 'headers' | 'clientCertificate'> & {
  headers?: Record<string, string>;
  /** A kubernetes.io/tls Secret: the backend must have received the certificate in its tls.crt (read when the case starts). */
  clientCertificate?: ObjectRef;
};

/** Parts of the Location header; omitted parts are judged with the specification's defaults at check time. */
export type RedirectExpectation = RedirectExpectationDocument;

export interface MirrorExpectation {
  backend: string;
  namespace: string;
  /** Absent: every request is mirrored. */
  percent?: number;
}

export interface TimingExpectation {
  withinMs?: number;
  notBeforeMs?: number;
}

/** What the TLS handshake of an https: request must have settled. */
export type TlsExpectation = TlsExpectationDocument;

export interface RequestExpectation {
  response: ResponseExpectation;
  backend?: BackendExpectation;
  redirect?: RedirectExpectation;
  mirroredTo: MirrorExpectation[];
  timing?: TimingExpectation;
  /** https: and tls: requests only. */
  tls?: TlsExpectation;
  /** tls: requests only: the gateway must refuse the handshake. */
  handshake?: 'fails';
  /** udp: requests with a dnsQuery only: the DNS answer (rcode defaulted to NOERROR). */
  dns?: Required<DnsExpectationDocument>;
  /** grpc: requests only: the status code the call must end with (OK when absent). */
  grpc?: { code: number };
}

/** Which Gateway listener traffic goes through; the suite resolves it to a host address and port. */
export interface GatewayTarget {
  gateway: ObjectRef;
  port: number;
}

export interface RequestCase<Sent extends SentRequest = SentRequest> extends GatewayTarget {
  name: string;
  request: Sent;
  expect: RequestExpectation;
  /** Requests sent to judge mirroredTo percentages. */
  samples: number;
  source: SourceLocation;
}

/** What a split's samples are: HTTP requests, TCP connections, or UDP datagrams from fresh sockets. */
export type SplitProbe = { protocol: 'http'; request: ProbeRequestSpec } | { protocol: 'tcp' } | { protocol: 'udp'; send: string } | { protocol: 'grpc'; call: GrpcCallCaseSpec };

export interface SplitCase extends GatewayTarget {
  name: string;
  probe: SplitProbe;
  /** Backend (pod name prefix or Service name) -> relative weight; 0 means "must never be chosen". */
  weights: Record<string, number>;
  samples?: number;
  /** Backend -> what every sampled request it answered must have carried (`name` is the backend). */
  received?: Record<string, BackendExpectation>;
  source: SourceLocation;
}

/** A threshold: the value must be at most atMost and at least atLeast (either may be absent). */
export interface Bound {
  atMost?: number;
  atLeast?: number;
}

export type LatencyPercentile = 'p50' | 'p90' | 'p99' | 'p999' | 'max';

export interface LoadExpectation {
  /** Transport errors + timeouts + non-2xx responses allowed; 0 unless the scenario says otherwise. */
  maxErrors: number;
  /** Judge per-backend counts with the split test (needs weights). */
  splitWithinBounds: boolean;
  /** The split verdict's confidence (1 - significance); default 0.999. */
  splitConfidence: number;
  /** Answers of a mix entry from another backend than it names; 0 unless the scenario says otherwise. */
  maxMisroutes: number;
  latencyMs: Partial<Record<LatencyPercentile, Bound>>;
  requestsPerSecond?: Bound;
  /** TCP load: bytes written and read per second. */
  bytesPerSecond?: Bound;
  /** Target over direct-to-backend baseline. */
  baselineRatio?: { requestsPerSecond?: Bound; p99?: Bound };
  /** From the killed pod to the last failure. */
  recoveryMs?: Bound;
}

/** One request of a load run; a mix sends several in turn. */
export interface LoadEntry {
  name: string;
  request: ProbeRequestSpec;
  /** The backend that must answer it. */
  expectedBackend?: string;
}

export type LoadEngineChoice = 'gauntlet' | 'autocannon' | 'k6';
export type LoadModelChoice = 'open' | 'closed';

/** Manifests applied in turn while the load runs, one change every `everyMs`. */
export interface ChurnSpec {
  everyMs: number;
  /** Each change: the objects of one manifest file. */
  changes: LocatedManifest[][];
}

/** One pod matching `selector` deleted without grace `afterSeconds` into the load. */
export interface KillPodSpec {
  namespace: string;
  selector: Record<string, string>;
  afterSeconds: number;
}

/** A load of gRPC calls (the call each makes) or of TCP connections (PING lines each sends). */
export type LoadStreamSpec = { protocol: 'grpc'; call: Omit<GrpcCallCaseSpec, 'tls'> & { tls?: { serverName?: string } } } | { protocol: 'tcp'; pings: number };

export interface LoadSpec extends GatewayTarget {
  /** "load" for a single run; each run of a list has its own. */
  name: string;
  engine: LoadEngineChoice;
  model: LoadModelChoice;
  durationSeconds: number;
  connections: number;
  /** Requests per second: the open model's arrival rate (autocannon's cap). */
  rate?: number;
  /** The gauntlet engine's threads; absent: its default. */
  workers?: number;
  /** k6 only: runner pods of a k6-operator TestRun in the cluster; absent: k6 on this machine. */
  k6Runners?: number;
  timeoutSeconds: number;
  /** The first (often only) request: entries[0].request. */
  request: ProbeRequestSpec;
  entries: LoadEntry[];
  /** gRPC calls or TCP connections instead of the HTTP entries (which are then empty). */
  stream?: LoadStreamSpec;
  weights?: Record<string, number>;
  /** A Service whose pod gets the same load straight, for ratios. */
  baseline?: { service: ObjectRef; port: number };
  during: { churn?: ChurnSpec; killPod?: KillPodSpec };
  expect: LoadExpectation;
  source: SourceLocation;
}

/** A route template: copy n is named <name>-<n> and has the one hostname r<n>.<its first hostname>. */
export interface RouteTemplate {
  route: LocatedManifest;
}

export interface PropagationSpec extends GatewayTarget, RouteTemplate {
  existingRoutes: number;
  measuredRoutes: number;
  timeoutSeconds: number;
  expect: { delayMs: Partial<Record<'p50' | 'p99' | 'max', Bound>>; maxErrors: number };
  source: SourceLocation;
}

export interface RouteScaleSpec extends RouteTemplate {
  gateway: ObjectRef;
  routes: number;
  /** The listener whose attachedRoutes must settle; absent: every listener. */
  listener?: string;
  concurrency: number;
  timeoutSeconds: number;
  expect: { settledMs?: Bound; deletedMs?: Bound; statusWritesPerRoute?: Bound };
  source: SourceLocation;
}

/** One `then:` entry: change the cluster (delete, then apply), then check again. */
export interface ScenarioPhase {
  /** Says what changes; prefixes every step name of the phase. */
  name: string;
  /** Objects to delete (only apiVersion, kind and metadata name/namespace are set), awaited gone. */
  delete: LocatedManifest[];
  /** Manifests applied after the deletions; deleted with the scenario's own at cleanup. */
  apply: LocatedManifest[];
  await: AwaitedObject[];
  requests: RequestCase[];
  splits: SplitCase[];
  source: SourceLocation;
}

export type ScenarioKind = 'conformance' | 'load';
export type Channel = (typeof channels)[number];

export interface Scenario {
  id: string;
  kind: ScenarioKind;
  description: string;
  /** The upstream conformance test this scenario mirrors, e.g. HTTPRouteSimpleSameNamespace. */
  conformanceTest?: string;
  profile: string;
  features: string[];
  /** The Gateway API release channel whose CRDs the scenario needs. */
  channel: Channel;
  manifests: LocatedManifest[];
  await: AwaitedObject[];
  requests: RequestCase[];
  splits: SplitCase[];
  /**
   * The `then:` phases, run in order after splits and before load; empty when there are none. (Not called
   * `then` here: an object with a `then` property reads as a promise to some code.)
   */
  phases: ScenarioPhase[];
  /** Load runs, in order, after the phases; empty when there are none. */
  loads: LoadSpec[];
  propagation?: PropagationSpec;
  routeScale?: RouteScaleSpec;
  /** Run-value placeholders its manifests use that this load had no value for (e.g. USABLE_ADDRESS): a run skips it. */
  lacksRunValues?: string[];
  /** The scenario.yaml file. */
  source: SourceLocation;
  /** The folder holding scenario.yaml. */
  directory: string;
}
