// The results schema's load part: what a load run measured (harness/load's LoadResult, one shape for every
// engine), including the latency percentile distribution (the HDR curve), the whole histogram, the counts per
// second (throughput over time), the generator's own state and the validity verdict; and the control-plane
// measurements (harness/load/control-plane-result.ts).
import Type from 'typebox';

const Milliseconds = (description: string) => Type.Number({ minimum: 0, description: `${description}, in milliseconds` });

export const LatencySummarySchema = Type.Object(
  {
    count: Type.Integer({ minimum: 0, description: 'latencies recorded' }),
    p50Ms: Milliseconds('median latency'),
    p90Ms: Milliseconds('90th percentile latency'),
    p99Ms: Milliseconds('99th percentile latency'),
    maxMs: Milliseconds('highest latency'),
    meanMs: Milliseconds('mean latency'),
    minMs: Type.Optional(Milliseconds('lowest latency')),
    p999Ms: Type.Optional(Milliseconds('99.9th percentile latency')),
    percentiles: Type.Optional(
      Type.Array(
        Type.Object({ percentile: Type.Number({ minimum: 0, maximum: 100 }), ms: Milliseconds('latency at that percentile') }, { additionalProperties: false }),
        { description: 'the percentile distribution (HDR curve points), ascending; 100 is the maximum' },
      ),
    ),
  },
  { additionalProperties: false, description: 'latency of every response, from an HDR histogram (3 significant digits)' },
);

export const LoadSecondSchema = Type.Object(
  {
    second: Type.Integer({ minimum: 0, description: '0-based second since the load started' }),
    responses: Type.Integer({ minimum: 0, description: 'responses received in that second' }),
    non2xx: Type.Integer({ minimum: 0, description: 'of those, with a status outside 200-299' }),
    errors: Type.Integer({ minimum: 0, description: 'transport errors and timeouts in that second' }),
  },
  { additionalProperties: false },
);

const SplitRowSchema = Type.Object(
  {
    backend: Type.String(),
    weight: Type.Optional(Type.Number({ minimum: 0, description: 'absent: a backend the weights do not name' })),
    expectedShare: Type.Number({ minimum: 0, maximum: 1 }),
    expectedCount: Type.Number({ minimum: 0 }),
    observed: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const SplitVerdictSchema = Type.Object(
  {
    passed: Type.Boolean(),
    total: Type.Integer({ minimum: 0 }),
    statistic: Type.Number({ description: 'the chi-square statistic' }),
    degreesOfFreedom: Type.Integer(),
    pValue: Type.Number({ minimum: 0, maximum: 1 }),
    significance: Type.Number({ minimum: 0, maximum: 1 }),
    rows: Type.Array(SplitRowSchema),
    problems: Type.Array(Type.String(), { description: 'why it failed, one sentence each; empty when passed' }),
    table: Type.String({ description: 'expected versus observed, as text' }),
  },
  { additionalProperties: false, description: 'the split test over the responses per backend' },
);

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Counts = (description: string) => Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description });

const loadRunFields = {
  name: Type.Optional(Type.String({ description: "the run's name in its scenario" })),
  engine: Type.Optional(Type.Union([Type.Literal('gauntlet'), Type.Literal('autocannon'), Type.Literal('k6')], { description: 'the load generator' })),
  model: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')], { description: 'open: constant arrival rate; closed: as fast as the connections go' })),
  protocol: Type.Optional(
    Type.Union([Type.Literal('http'), Type.Literal('grpc'), Type.Literal('tcp')], { description: 'what a request was: an HTTP request (absent: http), a gRPC unary call, a TCP connection' }),
  ),
  bytesPerSecond: Type.Optional(Type.Number({ minimum: 0, description: 'TCP runs: bytes written and read per second, both directions together' })),
  target: Type.Optional(Type.Object({ host: Type.String(), port: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })),
  startedAt: Type.Optional(Type.String({ description: 'when the measured window began (ISO 8601)' })),
  durationSeconds: Type.Number({ minimum: 0 }),
  connections: Type.Integer({ minimum: 0 }),
  targetRate: Type.Optional(Type.Number({ minimum: 0, description: 'the arrival rate asked for (open model), requests/s' })),
  requests: Type.Object(
    {
      total: Count('requests that ended, answered or failed'),
      perSecond: Type.Number({ minimum: 0 }),
      sent: Type.Optional(Count('requests written')),
      sentInWindow: Type.Optional(Count('requests written before the window ended (the achieved rate counts these)')),
      unsent: Type.Optional(Count('open model: due requests never sent')),
    },
    { additionalProperties: false },
  ),
  non2xx: Type.Integer({ minimum: 0 }),
  errors: Type.Integer({ minimum: 0, description: 'transport errors, timeouts included' }),
  timeouts: Type.Integer({ minimum: 0 }),
  errorsByClass: Type.Optional(
    Type.Object({ connect: Count('connects refused or failed'), reset: Count('connections reset'), timeout: Count('requests timed out'), protocol: Count('malformed answers') }, { additionalProperties: false }),
  ),
  statuses: Type.Optional(Counts('status code (k6: status class) -> answers')),
  latency: LatencySummarySchema,
  latencyHistogram: Type.Optional(Type.String({ description: 'every latency in microseconds as an HDR histogram, compressed base64 (HdrHistogram encoding): merge runs exactly with it' })),
  timeline: Type.Optional(Type.Array(LoadSecondSchema, { description: 'counts per second of the run: throughput over time' })),
  requestsPerSecondSeries: Type.Optional(Type.Array(Count('responses'), { description: 'responses completed in each whole second of the window' })),
  failureWindow: Type.Optional(Type.Object({ firstMs: Type.Number({ minimum: 0 }), lastMs: Type.Number({ minimum: 0 }) }, { additionalProperties: false, description: 'first and last failure since the start' })),
  backends: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'responses per backend (when attributed)' }),
  unattributed: Type.Integer({ minimum: 0, description: '2xx responses without an echo body to attribute' }),
  split: Type.Optional(SplitVerdictSchema),
  mix: Type.Optional(
    Type.Array(
      Type.Object(
        {
          name: Type.String(),
          expectedBackend: Type.Optional(Type.String({ description: 'the backend that must answer it' })),
          requests: Count('requests of this entry'),
          misrouted: Count('answers from another backend than expected'),
          backends: Counts('answers per backend'),
        },
        { additionalProperties: false },
      ),
      { description: 'per request of a mix: where its answers came from' },
    ),
  ),
  generator: Type.Optional(
    Type.Object(
      {
        workers: Type.Integer({ minimum: 0 }),
        eventLoopUtilization: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { description: 'per worker thread: share of the window its event loop was busy' }),
        cpuMs: Type.Number({ minimum: 0 }),
        scheduleLagP99Ms: Type.Optional(Milliseconds('open model: p99 of how late the dispatcher ran behind its schedule')),
      },
      { additionalProperties: false, description: "the load generator's own state" },
    ),
  ),
  validity: Type.Optional(
    Type.Object(
      { valid: Type.Boolean(), reasons: Type.Array(Type.String(), { description: 'why not' }), warnings: Type.Optional(Type.Array(Type.String(), { description: 'what makes figures less exact' })) },
      { additionalProperties: false, description: 'an invalid run is never passed' },
    ),
  ),
};

/** A load run without what only a run through the gateway carries (the direct baseline's own result). */
export const DirectLoadResultSchema = Type.Object(loadRunFields, { additionalProperties: false, description: 'the same load sent straight to a backend pod' });

export const LoadResultSchema = Type.Object(
  {
    ...loadRunFields,
    baseline: Type.Optional(
      Type.Object(
        {
          label: Type.String(),
          result: DirectLoadResultSchema,
          ratios: Type.Object({ requestsPerSecond: Type.Number(), p50: Type.Number(), p99: Type.Number() }, { additionalProperties: false, description: 'target over baseline' }),
        },
        { additionalProperties: false },
      ),
    ),
    disruption: Type.Optional(
      Type.Object(
        { description: Type.String(), atMs: Type.Number({ minimum: 0 }), failuresAfter: Type.Integer({ minimum: 0 }), recoveryMs: Type.Number({ minimum: 0 }) },
        { additionalProperties: false, description: 'a pod killed during the load, and the recovery' },
      ),
    ),
    churn: Type.Optional(
      Type.Object({ changes: Type.Integer({ minimum: 0 }), everyMs: Type.Number({ minimum: 0 }), slowestApplyMs: Type.Number({ minimum: 0 }) }, { additionalProperties: false, description: 'route changes during the load' }),
    ),
  },
  { additionalProperties: false, description: 'a load run as measured' },
);

const ComponentUsageSchema = Type.Object(
  { component: Type.String(), pods: Type.Array(Type.String()), cpuMs: Type.Number({ minimum: 0 }), cores: Type.Number({ minimum: 0 }), peakRssMiB: Type.Number({ minimum: 0 }) },
  { additionalProperties: false },
);

export const ControlPlaneResultSchema = Type.Object(
  {
    propagation: Type.Optional(
      Type.Object(
        {
          existingRoutes: Type.Integer({ minimum: 0 }),
          measuredRoutes: Type.Integer({ minimum: 0 }),
          delayMs: LatencySummarySchema,
          errors: Type.Integer({ minimum: 0 }),
          unexpected: Counts('unexpected status (or "error") -> times seen while polling'),
          polls: Type.Integer({ minimum: 0 }),
          usage: Type.Optional(Type.Array(ComponentUsageSchema, { description: 'controller and proxy while the measured routes were applied' })),
        },
        { additionalProperties: false, description: 'route propagation: from applying a route to its first 200' },
      ),
    ),
    routeScale: Type.Optional(
      Type.Object(
        {
          routes: Type.Integer({ minimum: 0 }),
          settledMs: Type.Number({ minimum: 0 }),
          deletedMs: Type.Number({ minimum: 0 }),
          routeStatusWrites: Type.Integer({ minimum: 0 }),
          statusWritesPerRoute: Type.Number({ minimum: 0 }),
          gatewayStatusWrites: Type.Integer({ minimum: 0 }),
          attachedRoutes: Type.Object({ before: Type.Integer(), settled: Type.Integer(), after: Type.Integer() }, { additionalProperties: false }),
          usage: Type.Object({ settle: Type.Array(ComponentUsageSchema), delete: Type.Array(ComponentUsageSchema) }, { additionalProperties: false }),
        },
        { additionalProperties: false, description: 'attached-routes scale' },
      ),
    ),
  },
  { additionalProperties: false, description: 'control-plane measurements' },
);
