// The load parts of a scenario: load runs (`load:`, one run or a list), and the control-plane
// measurements `propagation:` and `routeScale:`. Sizes and durations may differ per run profile: a number
// written as {smoke: 3, nightly: 30} takes the value of the profile the run was started with
// (`gauntlet run --profile`, default smoke). Thresholds are bounds: a number means "at most", or
// {atMost, atLeast}.
import Type, { type Static, type TSchema } from 'typebox';
import { nonEmptyString, ObjectRef, Port, Weights } from './primitives.ts';
import { GrpcCallRequest, HttpRequest } from './protocol-requests.ts';

export const loadProfiles = ['smoke', 'nightly'] as const;
export type LoadProfile = (typeof loadProfiles)[number];

/** A value, or one value per run profile. */
export const Profiled = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Object({ smoke: schema, nightly: schema }, { additionalProperties: false, description: 'one value per run profile' })], {
    description: `${description}; or {smoke: ..., nightly: ...}, one per run profile`,
    'x-expects': 'a number, or {smoke: <number>, nightly: <number>}',
  });

/** A threshold: a number is the most allowed; a mapping may also (or only) set the least. */
export const Bound = (description: string) =>
  Type.Union(
    [
      Type.Number({ minimum: 0 }),
      Type.Object(
        { atMost: Type.Optional(Type.Number({ minimum: 0 })), atLeast: Type.Optional(Type.Number({ minimum: 0 })) },
        { additionalProperties: false, minProperties: 1 },
      ),
    ],
    { description: `${description}: a number (at most), or {atMost, atLeast}`, 'x-expects': 'a number (at most), or {atMost: n, atLeast: n}' },
  );

const targetFields = {
  gateway: Type.Optional(ObjectRef('the Gateway to send through: "namespace/name" or {namespace, name}; default defaults.gateway')),
  port: Type.Optional(Port('the listener port; default defaults.port, else 80')),
};

const LatencyBounds = Type.Object(
  {
    p50: Type.Optional(Bound('p50 latency, ms')),
    p90: Type.Optional(Bound('p90 latency, ms')),
    p99: Type.Optional(Bound('p99 latency, ms')),
    p999: Type.Optional(Bound('p99.9 latency, ms')),
    max: Type.Optional(Bound('the slowest request, ms')),
  },
  { additionalProperties: false, description: 'latency percentiles in milliseconds (the open model counts from when each request was due)' },
);

const MixEntry = Type.Object(
  {
    name: Type.Optional(nonEmptyString('names the entry in results; default "METHOD host/path"')),
    http: HttpRequest,
    backend: Type.Optional(nonEmptyString('the backend (Deployment or Service name) that must answer this request: any other is a misroute')),
  },
  { additionalProperties: false, description: 'one request of a mix' },
);

const Churn = Type.Object(
  {
    everyMs: Type.Integer({ minimum: 50, maximum: 60_000, description: 'how often the next manifest is applied' }),
    apply: Type.Array(nonEmptyString('a manifest file beside scenario.yaml'), { minItems: 2, description: 'manifests applied in turn, round and round, while the load runs' }),
  },
  { additionalProperties: false, description: 'change the cluster on a beat while the load runs: every change must be hitless' },
);

const KillPod = Type.Object(
  {
    namespace: Type.Optional(nonEmptyString('default defaults.namespace')),
    selector: Type.Record(Type.String(), Type.String(), { description: 'pod labels; one matching pod is deleted with no grace period' }),
    afterSeconds: Type.Number({ exclusiveMinimum: 0, description: 'when, counted from the start of the load' }),
  },
  { additionalProperties: false, description: 'kill one endpoint mid-load: errors until the gateway recovers, and the recovery time' },
);

export const LoadRun = Type.Object(
  {
    name: Type.Optional(nonEmptyString('names the run in steps and results; required in a list')),
    ...targetFields,
    http: Type.Optional(HttpRequest),
    mix: Type.Optional(Type.Array(MixEntry, { minItems: 1, description: 'several requests sent in turn (instead of http)' })),
    grpc: Type.Optional(
      Type.Object(GrpcCallRequest.properties, {
        additionalProperties: false,
        description: 'gRPC unary calls instead of HTTP requests (closed model): each connection is a channel making calls back to back',
      }),
    ),
    tcp: Type.Optional(
      Type.Object(
        { pings: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'PING lines per connection (5 bytes each way apiece); default 100' })) },
        { additionalProperties: false, description: 'TCP connections to the TCP echo instead of HTTP requests (closed model): each worker connects, sends the pings and TEST, reads the answers, closes, repeats' },
      ),
    ),
    engine: Type.Optional(Type.Enum(['gauntlet', 'autocannon', 'k6'], { description: 'default gauntlet; autocannon and k6 for comparison (closed model, one request)' })),
    model: Type.Optional(Type.Enum(['open', 'closed'], { description: 'open: a constant arrival rate (needs rate); closed: as fast as the connections go. Default open with rate, else closed' })),
    rate: Type.Optional(Profiled(Type.Number({ exclusiveMinimum: 0 }), 'requests per second (open model; a cap for autocannon)')),
    durationSeconds: Profiled(Type.Number({ exclusiveMinimum: 0, maximum: 3600 }), 'how long to load'),
    connections: Type.Optional(Profiled(Type.Integer({ minimum: 1, maximum: 10_000 }), 'keep-alive connections; default 10')),
    workers: Type.Optional(Type.Integer({ minimum: 1, maximum: 64, description: "the gauntlet engine's threads; default half the cores, at most 4" })),
    runners: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'engine k6 only: run as a k6-operator TestRun with this many runner pods in the cluster under test (load beyond one machine); absent: k6 on this machine' }),
    ),
    timeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 600, description: 'per request; default 10' })),
    weights: Type.Optional(Weights('expected split, judged when expect.splitWithinBounds')),
    baseline: Type.Optional(
      Type.Object(
        {
          service: ObjectRef('the backend Service: "namespace/name" or {namespace, name}'),
          port: Port('its port'),
        },
        { additionalProperties: false, description: 'the same load sent straight to a ready pod of this Service in the same run; the figures get ratios to it' },
      ),
    ),
    during: Type.Optional(
      Type.Object({ churn: Type.Optional(Churn), killPod: Type.Optional(KillPod) }, { additionalProperties: false, description: 'what happens to the cluster while the load runs' }),
    ),
    expect: Type.Optional(
      Type.Object(
        {
          maxErrors: Type.Optional(Type.Integer({ minimum: 0, description: 'transport errors + timeouts + non-2xx allowed; default 0' })),
          splitWithinBounds: Type.Optional(Type.Boolean({ description: 'judge per-backend counts with the chi-square split test (needs weights)' })),
          splitConfidence: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'the confidence of the split verdict; default 0.999 (significance 0.001)' })),
          maxMisroutes: Type.Optional(Type.Integer({ minimum: 0, description: 'mix answers from another backend than the entry names; default 0' })),
          latencyMs: Type.Optional(LatencyBounds),
          requestsPerSecond: Type.Optional(Bound('answered requests per second (gRPC: calls, TCP: connections)')),
          bytesPerSecond: Type.Optional(Bound('tcp: only: bytes written and read per second, both directions together')),
          baselineRatio: Type.Optional(
            Type.Object(
              {
                requestsPerSecond: Type.Optional(Bound('requests/s through the gateway over requests/s straight to the backend')),
                p99: Type.Optional(Bound('p99 through the gateway over p99 straight to the backend')),
              },
              { additionalProperties: false, description: 'the gateway against the direct baseline (needs baseline)' },
            ),
          ),
          recoveryMs: Type.Optional(Bound('from killing the pod to the last failed request (needs during.killPod)')),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'a load run through a Gateway listener: one request (http) or a mix, open or closed model' },
);

export const LoadSection = Type.Union([LoadRun, Type.Array(LoadRun, { minItems: 1 })], {
  description: 'one load run, or a list of named runs made in order',
  'x-expects': 'a load run (a mapping), or a list of named load runs',
});

const RouteTemplate = nonEmptyString(
  'a file beside scenario.yaml holding one HTTPRoute: copy n is named <name>-<n> and gets the one hostname r<n>.<its first hostname>',
);

export const Propagation = Type.Object(
  {
    ...targetFields,
    route: RouteTemplate,
    existingRoutes: Profiled(Type.Integer({ minimum: 0, maximum: 20_000 }), 'routes created (and awaited) before measuring'),
    measuredRoutes: Profiled(Type.Integer({ minimum: 1, maximum: 5000 }), 'routes applied one at a time, each polled until it answers 200'),
    timeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 600, description: 'per measured route; default 30' })),
    expect: Type.Optional(
      Type.Object(
        {
          delayMs: Type.Optional(
            Type.Object(
              { p50: Type.Optional(Bound('median delay, ms')), p99: Type.Optional(Bound('p99 delay, ms')), max: Type.Optional(Bound('slowest route, ms')) },
              { additionalProperties: false, description: 'from applying a route to its first 200' },
            ),
          ),
          maxErrors: Type.Optional(Type.Integer({ minimum: 0, description: 'answers other than 404 then 200 while polling, and transport errors; default 0' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'route propagation: how long a new route takes to serve while many exist' },
);

export const RouteScale = Type.Object(
  {
    gateway: Type.Optional(ObjectRef('the Gateway the routes attach to; default defaults.gateway')),
    route: RouteTemplate,
    routes: Profiled(Type.Integer({ minimum: 1, maximum: 50_000 }), 'routes created, then deleted'),
    listener: Type.Optional(nonEmptyString('the listener whose attachedRoutes must settle; default every listener of the Gateway')),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 256, description: 'creates and deletes in flight at once; default 16' })),
    timeoutSeconds: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 3600, description: 'for each of settling and deleting; default 120' })),
    expect: Type.Optional(
      Type.Object(
        {
          settledMs: Type.Optional(Bound('from the first create until every route is Accepted and attachedRoutes settled')),
          deletedMs: Type.Optional(Bound('from the first delete until attachedRoutes is back where it was')),
          statusWritesPerRoute: Type.Optional(Bound('HTTPRoute status writes seen at the API server per route, while settling')),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, description: 'attached-routes scale: create many routes, time until all are attached and settled, then delete them' },
);

export type LoadRunDocument = Static<typeof LoadRun>;
export type LoadSectionDocument = Static<typeof LoadSection>;
export type PropagationDocument = Static<typeof Propagation>;
export type RouteScaleDocument = Static<typeof RouteScale>;
export type BoundDocument = Static<ReturnType<typeof Bound>>;
export type ProfiledNumberDocument = number | { smoke: number; nightly: number };
