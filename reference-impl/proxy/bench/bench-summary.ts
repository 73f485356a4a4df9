// Turns the proxy bench's measurements into its one JSON object (`--json`) and its human lines: per target the
// requests/s over all rounds, median p50/p99, CPU per request, RSS and the ratio to the nginx of the same worker
// count; then the derived figures the issue asks for (the proxy's ratio, 10,000 routes against one, 1 worker
// against 2, the p99 the proxy adds at half its maximum rate). Pure: no I/O.

import type { FixedRateResult } from './fixed-rate-load.ts';
import type { LoadResult } from './load-generator.ts';

export interface TargetRounds {
  results: LoadResult[];
  cpuMicros: number;
  rssBytes: number;
}

export interface TargetFigures {
  requestsPerSecond: number;
  rounds: number[];
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  rssBytes: number;
  /** Requests/s over the nginx of the same worker count. */
  ofNginx?: number;
}

export interface AddedLatency {
  /** Half the proxy's requests/s in the throughput rounds. */
  rate: number;
  seconds: number;
  /** Per target: one fixed-rate run per round. */
  runs: Record<string, FixedRateResult[]>;
  /** Per target: the median p99 over its valid rounds (absent when it had none). */
  p99Ms: Record<string, number>;
  /** Median p99 through the target minus the median p99 straight to the backend, at the same rate, over valid rounds. */
  addedP99Ms: Record<string, number>;
  /** The p99 the proxy adds over the p99 nginx adds, measured alike. */
  proxyOfNginx?: number;
  /** Per target: rounds left out because the generator lagged behind its schedule. */
  invalidRounds: Record<string, number>;
}

export interface BenchSummary {
  load: { tool: string; connections: number; seconds: number; rounds: number; pinned: boolean; workers: number[]; request: { host?: string; path: string } };
  targets: Record<string, TargetFigures>;
  /** The proxy's requests/s over nginx's, one worker each. */
  proxyOfNginx?: number;
  /**
   * `cost`: 1 - requests/s with `count` routes over requests/s with one; `cpuCost`: CPU per request with `count`
   * routes over CPU per request with one, less 1 (steadier on a shared machine, where requests/s swing with others' load).
   */
  routes?: { count: number; requestsPerSecond: number; ofOneRoute: number; cost: number; cpuCost: number; rssBytes: number; oneRouteRssBytes: number };
  workers?: { counts: number[]; proxy: number[]; nginx: number[]; proxyScaling: number; nginxScaling: number };
  addedLatency?: AddedLatency;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

/** Targets of a worker count above the first are named `<name>-w<count>`; their baseline is `nginx-w<count>`. */
export function nginxOf(name: string): string {
  const suffix = /-w\d+$/.exec(name)?.[0];
  return suffix === undefined ? 'nginx' : `nginx${suffix}`;
}

export function targetFigures(name: string, rounds: TargetRounds, all: ReadonlyMap<string, TargetRounds>): TargetFigures {
  const rps = (r: TargetRounds): number => sum(r.results.map((x) => x.requests)) / sum(r.results.map((x) => x.seconds));
  const baseline = all.get(nginxOf(name));
  return {
    requestsPerSecond: Math.round(rps(rounds)),
    rounds: rounds.results.map((x) => Math.round(x.requests / x.seconds)),
    p50Ms: round(median(rounds.results.map((x) => x.p50Ms))),
    p99Ms: round(median(rounds.results.map((x) => x.p99Ms))),
    cpuMicrosPerRequest: round(rounds.cpuMicros / sum(rounds.results.map((x) => x.requests)), 1),
    rssBytes: rounds.rssBytes,
    ...(baseline === undefined || name.startsWith('nginx') ? {} : { ofNginx: round(rps(rounds) / rps(baseline)) }),
  };
}

/** Only rounds whose generator kept its schedule count: a lagging generator sends in bursts, which is not the target's doing. */
export function addedLatency(rate: number, seconds: number, runs: Record<string, FixedRateResult[]>): AddedLatency {
  const p99Ms: Record<string, number> = {};
  const invalidRounds: Record<string, number> = {};
  for (const [name, list] of Object.entries(runs)) {
    const valid = list.filter((r) => r.invalid.length === 0);
    invalidRounds[name] = list.length - valid.length;
    if (valid.length > 0) p99Ms[name] = round(median(valid.map((r) => r.p99Ms)), 3);
  }
  const direct = p99Ms.direct;
  const added: Record<string, number> = {};
  for (const [name, p99] of Object.entries(p99Ms)) if (name !== 'direct' && direct !== undefined) added[name] = round(p99 - direct, 3);
  const { proxy, nginx } = added;
  const ratio = proxy !== undefined && nginx !== undefined && nginx > 0 ? { proxyOfNginx: round(proxy / nginx) } : {};
  return { rate, seconds, runs, p99Ms, addedP99Ms: added, ...ratio, invalidRounds };
}

/** The derived figures from the per-target ones. */
export function derivedFigures(targets: Record<string, TargetFigures>, workerCounts: number[], routeCount: number): Pick<BenchSummary, 'proxyOfNginx' | 'routes' | 'workers'> {
  const out: Pick<BenchSummary, 'proxyOfNginx' | 'routes' | 'workers'> = {};
  const { proxy, nginx, routes } = targets;
  if (proxy?.ofNginx !== undefined) out.proxyOfNginx = proxy.ofNginx;
  if (proxy !== undefined && routes !== undefined) {
    const ofOneRoute = round(routes.requestsPerSecond / proxy.requestsPerSecond, 3);
    out.routes = {
      count: routeCount,
      requestsPerSecond: routes.requestsPerSecond,
      ofOneRoute,
      cost: round(1 - ofOneRoute, 3),
      cpuCost: round(routes.cpuMicrosPerRequest / proxy.cpuMicrosPerRequest - 1, 3),
      rssBytes: routes.rssBytes,
      oneRouteRssBytes: proxy.rssBytes,
    };
  }
  if (workerCounts.length > 1 && proxy !== undefined && nginx !== undefined) {
    const named = (base: string, count: number): TargetFigures | undefined => targets[count === workerCounts[0] ? base : `${base}-w${count}`];
    const proxyRps = workerCounts.map((count) => named('proxy', count)?.requestsPerSecond ?? Number.NaN);
    const nginxRps = workerCounts.map((count) => named('nginx', count)?.requestsPerSecond ?? Number.NaN);
    out.workers = {
      counts: workerCounts,
      proxy: proxyRps,
      nginx: nginxRps,
      proxyScaling: round((proxyRps.at(-1) ?? Number.NaN) / (proxyRps[0] ?? Number.NaN)),
      nginxScaling: round((nginxRps.at(-1) ?? Number.NaN) / (nginxRps[0] ?? Number.NaN)),
    };
  }
  return out;
}

export function summaryLines(summary: BenchSummary): string[] {
  const lines = Object.entries(summary.targets).map(([name, t]) => {
    const ratio = t.ofNginx === undefined ? '' : `  = ${t.ofNginx.toFixed(2)} of nginx`;
    const rss = t.rssBytes > 0 ? `  RSS ${(t.rssBytes / 2 ** 20).toFixed(0)} MiB` : '';
    return `${name.padEnd(8)} ${String(t.requestsPerSecond).padStart(6)} req/s (rounds ${t.rounds.join('/')})  p50 ${t.p50Ms.toFixed(2)} ms  p99 ${t.p99Ms.toFixed(2)} ms  CPU ${t.cpuMicrosPerRequest.toFixed(1)} us/req${rss}${ratio}`;
  });
  const { routes, workers, addedLatency: added } = summary;
  if (routes !== undefined) {
    const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;
    lines.push(
      `routes: ${routes.count} HTTPRoutes at ${routes.ofOneRoute.toFixed(3)} of one route's requests/s (cost ${percent(routes.cost)}; CPU per request ${routes.cpuCost >= 0 ? '+' : ''}${percent(routes.cpuCost)}), RSS ${(routes.rssBytes / 2 ** 20).toFixed(0)} MiB vs ${(routes.oneRouteRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
  }
  if (workers !== undefined) {
    lines.push(`workers ${workers.counts.join(' vs ')}: proxy ${workers.proxy.join(' vs ')} req/s (x${workers.proxyScaling}), nginx ${workers.nginx.join(' vs ')} req/s (x${workers.nginxScaling})`);
  }
  if (added !== undefined) lines.push(...addedLatencyLines(added));
  return lines;
}

function addedLatencyLines(added: AddedLatency): string[] {
  const parts = Object.entries(added.runs).map(([name, runs]) => {
    const p99 = added.p99Ms[name];
    const lag = median(runs.map((r) => r.scheduleLagP99Ms));
    const rounds = `${runs.length - (added.invalidRounds[name] ?? 0)}/${runs.length} valid`;
    const each = runs.map((r) => r.p99Ms.toFixed(1)).join('/');
    return `${name} p99 ${p99 === undefined ? 'none (no valid round)' : `${p99.toFixed(3)} ms`} (rounds ${each}, p50 ${median(runs.map((r) => r.p50Ms)).toFixed(3)} ms, generator lag p99 ${lag.toFixed(2)} ms, ${rounds})`;
  });
  const deltas = Object.entries(added.addedP99Ms).map(([name, ms]) => `${name} ${ms >= 0 ? '+' : ''}${ms.toFixed(3)} ms`);
  const ratio = added.proxyOfNginx === undefined ? '' : ` (the proxy's = ${added.proxyOfNginx.toFixed(2)} of nginx's)`;
  const lines = [
    `fixed rate ${added.rate} req/s for ${added.seconds} s per round (open model, rounds interleaved, medians of valid rounds): ${parts.join(', ')}`,
    `p99 added: ${deltas.length === 0 ? 'none (no valid round straight to the backend)' : deltas.join(', ')}${ratio}`,
  ];
  for (const [name, runs] of Object.entries(added.runs)) {
    for (const run of runs) for (const reason of run.invalid) lines.push(`  ${name}: a round left out: ${reason}`);
    const saturated = runs.filter((r) => r.saturated);
    if (saturated.length > 0) lines.push(`  ${name}: did not keep up with ${added.rate} req/s in ${saturated.length} round(s) (sent ${saturated.map((r) => r.achievedRate).join(', ')} req/s): requests queued, its p99 is a saturated one`);
  }
  return lines;
}
