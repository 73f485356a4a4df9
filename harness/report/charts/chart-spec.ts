// What a chart shows, as data: the page embeds each spec as JSON and the bundled client (html/client/) draws
// it with Chart.js. Every kind takes several series, so one chart can hold one run's scenarios or overlay two
// runs (`gauntlet compare`). Types only: the browser code imports them too.

export interface LatencyCurvePoint {
  /** 0-100; 100 is the maximum. */
  percentile: number;
  ms: number;
}

/** Latency by percentile on a log scale of 1/(1 - p): the HDR curve, tails spread out. */
export interface LatencyCurveChart {
  kind: 'latency-curve';
  title: string;
  series: { label: string; points: LatencyCurvePoint[] }[];
}

export interface ThroughputPoint {
  second: number;
  responses: number;
  /** Non-2xx responses plus transport errors in that second. */
  failures: number;
}

/** Responses per second over a load phase, with failures per second beside them. */
export interface ThroughputChart {
  kind: 'throughput';
  title: string;
  series: { label: string; points: ThroughputPoint[] }[];
}

/** Shares per backend: what the weights say, against what each series observed. */
export interface SplitChart {
  kind: 'split';
  title: string;
  backends: string[];
  /** Expected share (0-1) per backend, in `backends` order; undefined for a backend without a weight. */
  expected: (number | null)[];
  observed: { label: string; counts: number[] }[];
}

/** Time from a change (apply, delete) to the first passing answer, per traffic step. */
export interface PropagationChart {
  kind: 'propagation';
  title: string;
  /** One per bar group, e.g. "httproute-matching: request: /" */
  labels: string[];
  /** Milliseconds per label, null where the series has no measurement. */
  series: { label: string; ms: (number | null)[] }[];
}

/** A metric across the runs of a history, oldest first (`gauntlet compare --history`). */
export interface TrendChart {
  kind: 'trend';
  title: string;
  /** The y axis' title, e.g. "ms". */
  unit: string;
  /** One per run, in order: what the x axis and tooltips name it by. */
  runs: string[];
  /** Values per run, null where the run did not measure it. */
  series: { label: string; values: (number | null)[] }[];
}

export type ChartSpec = LatencyCurveChart | ThroughputChart | SplitChart | PropagationChart | TrendChart;
