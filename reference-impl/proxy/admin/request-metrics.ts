// Requests by route, backend and status class, and the latency histogram, for /metrics. The hot path finds its
// series through the IR's backend object (a WeakMap lookup), so nothing is allocated per request; series are
// keyed by route and backend names, so counters carry on across IR versions as Prometheus counters must.
// The route is the HTTPRoute of the rule (`<namespace>/<name>` from the rule id); requests no rule took are
// counted under route "" and backend "", local answers of a rule (no endpoints, filters' own answers) under backend "".

import { type HistogramSnapshot, LatencyHistogram } from './latency-histogram.ts';

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'aborted';

export interface SeriesSnapshot {
  route: string;
  backend: string;
  byStatusClass: Record<StatusClass, number>;
}

class SeriesCounters {
  readonly route: string;
  readonly backend: string;
  readonly counts = new Float64Array(6);

  constructor(route: string, backend: string) {
    this.route = route;
    this.backend = backend;
  }
}

const CLASSES: readonly StatusClass[] = ['aborted', '1xx', '2xx', '3xx', '4xx', '5xx'];

/** `ns/name` of a rule id `ns/name/rule/i/match/j`; ids of another shape are their own route. */
export function routeOfRuleId(ruleId: string): string {
  const at = ruleId.indexOf('/rule/');
  return at === -1 ? ruleId : ruleId.slice(0, at);
}

export class RequestMetrics {
  readonly latency = new LatencyHistogram();
  readonly #series = new Map<string, SeriesCounters>();
  readonly #byBackend = new WeakMap<object, SeriesCounters>();
  readonly #unrouted = this.#seriesOf('', '');

  /**
   * `status` 0: broken before a complete answer; `ruleId` undefined: no rule took the request; `backend`: the IR
   * backend it went to; `startedAt`: performance.now() when it arrived.
   */
  record(status: number, ruleId: string | undefined, backend: { name: string } | undefined, startedAt: number): void {
    const series = this.#lookup(ruleId, backend);
    const slot = status < 100 ? 0 : status >= 500 ? 5 : Math.floor(status / 100);
    series.counts[slot] = (series.counts[slot] as number) + 1;
    this.latency.record((performance.now() - startedAt) / 1000);
  }

  #lookup(ruleId: string | undefined, backend: { name: string } | undefined): SeriesCounters {
    if (ruleId === undefined) return this.#unrouted;
    if (backend === undefined) return this.#seriesOf(routeOfRuleId(ruleId), '');
    let series = this.#byBackend.get(backend);
    if (series === undefined) {
      series = this.#seriesOf(routeOfRuleId(ruleId), backend.name);
      this.#byBackend.set(backend, series);
    }
    return series;
  }

  #seriesOf(route: string, backend: string): SeriesCounters {
    const key = `${route}\u0000${backend}`;
    let series = this.#series.get(key);
    if (series === undefined) {
      series = new SeriesCounters(route, backend);
      this.#series.set(key, series);
    }
    return series;
  }

  snapshot(): { series: SeriesSnapshot[]; latency: HistogramSnapshot } {
    const series = [...this.#series.values()]
      .filter((s) => s.counts.some((count) => count > 0))
      .map((s) => ({ route: s.route, backend: s.backend, byStatusClass: Object.fromEntries(CLASSES.map((c, i) => [c, s.counts[i] as number])) as Record<StatusClass, number> }));
    return { series, latency: this.latency.snapshot() };
  }
}
