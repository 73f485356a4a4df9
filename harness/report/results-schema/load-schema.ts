// The results schema's load part: what a load phase measured (harness/load's LoadResult), including the
// latency percentile distribution (the HDR curve) and the counts per second (throughput over time).
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

export const LoadResultSchema = Type.Object(
  {
    durationSeconds: Type.Number({ minimum: 0 }),
    connections: Type.Integer({ minimum: 0 }),
    requests: Type.Object({ total: Type.Integer({ minimum: 0 }), perSecond: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
    non2xx: Type.Integer({ minimum: 0 }),
    errors: Type.Integer({ minimum: 0, description: 'transport errors, timeouts included' }),
    timeouts: Type.Integer({ minimum: 0 }),
    latency: LatencySummarySchema,
    latencyHistogram: Type.Optional(
      Type.String({
        description: "every response's latency in microseconds as an HdrHistogram (compressed base64, readable by every HdrHistogram library); gauntlet compare tests two runs' distributions with it",
      }),
    ),
    timeline: Type.Optional(Type.Array(LoadSecondSchema, { description: 'counts per second of the run: throughput over time' })),
    backends: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'responses per backend (when weights were given)' }),
    unattributed: Type.Integer({ minimum: 0, description: '2xx responses without an echo body to attribute' }),
    split: Type.Optional(SplitVerdictSchema),
  },
  { additionalProperties: false, description: "a scenario's load phase as measured" },
);
