// A load result for people: what was sent and how (engine, model, rate), what came back (errors by class,
// statuses, latency), the generator's own load and the validity verdict, then whatever the run judged:
// split, mix, baseline ratios, the disruption and churn.
//
//   formatLoadResult(result): string
import type { LoadResult } from './load-result.ts';

const ms = (value: number | undefined) => (value === undefined ? '-' : String(value));

function header(result: LoadResult): string {
  const sent = result.requests.sentInWindow;
  const achieved = result.targetRate === undefined || sent === undefined ? undefined : `achieved ${(sent / result.durationSeconds).toFixed(0)}/s`;
  const how = [result.engine ?? 'autocannon', result.model ? `${result.model} model` : undefined, result.targetRate === undefined ? undefined : `target ${result.targetRate}/s`, achieved].filter(Boolean).join(', ');
  const what = result.protocol === 'grpc' ? 'gRPC calls' : result.protocol === 'tcp' ? 'TCP connections' : 'requests';
  const bytes = result.bytesPerSecond === undefined ? '' : `, ${(result.bytesPerSecond / 1024).toFixed(0)} KiB/s`;
  return `${result.name ? `${result.name}: ` : ''}${result.requests.total} ${what} in ${result.durationSeconds.toFixed(1)} s (${result.requests.perSecond.toFixed(0)}/s${bytes}) over ${result.connections} connections [${how}]`;
}

function errorsLine(result: LoadResult): string {
  const classes = result.errorsByClass === undefined ? '' : ` [${Object.entries(result.errorsByClass).filter(([, count]) => count > 0).map(([name, count]) => `${name} ${count}`).join(', ') || 'none'}]`;
  const statuses = result.statuses === undefined ? '' : `; statuses ${Object.entries(result.statuses).map(([status, count]) => `${status}: ${count}`).join(', ') || 'none'}`;
  return `errors ${result.errors} (timeouts ${result.timeouts})${classes}, non-2xx ${result.non2xx}${statuses}`;
}

function generatorLine(result: LoadResult): string | undefined {
  const generator = result.generator;
  if (generator === undefined) return undefined;
  const lag = generator.scheduleLagP99Ms === undefined ? '' : `, schedule lag p99 ${generator.scheduleLagP99Ms.toFixed(2)} ms`;
  return `generator: ${generator.workers} worker(s), event loop busy ${generator.eventLoopUtilization.map((share) => `${Math.round(share * 100)}%`).join('/')}, CPU ${generator.cpuMs} ms${lag}`;
}

export function formatLoadResult(result: LoadResult): string {
  const { latency } = result;
  const lines = [
    header(result),
    errorsLine(result),
    `latency ms: p50 ${latency.p50Ms}  p90 ${latency.p90Ms}  p99 ${latency.p99Ms}  p99.9 ${ms(latency.p999Ms)}  max ${latency.maxMs}`,
  ];
  const generator = generatorLine(result);
  if (generator) lines.push(generator);
  if (result.validity !== undefined) lines.push(result.validity.valid ? 'valid run' : `INVALID run: ${result.validity.reasons.join('; ')}`);
  for (const warning of result.validity?.warnings ?? []) lines.push(`warning: ${warning}`);
  if (result.split) lines.push(result.split.table);
  for (const entry of result.mix ?? []) {
    const backends = Object.entries(entry.backends).map(([name, count]) => `${name} ${count}`).join(', ');
    lines.push(`  ${entry.name}: ${entry.requests} requests${entry.expectedBackend ? `, ${entry.misrouted} misrouted (expected ${entry.expectedBackend})` : ''}; ${backends || 'no echo answers'}`);
  }
  if (result.baseline) {
    const { ratios, result: direct, label } = result.baseline;
    lines.push(
      `baseline ${label}: ${direct.requests.perSecond.toFixed(0)}/s, p50 ${direct.latency.p50Ms} ms, p99 ${direct.latency.p99Ms} ms; ratios requests/s ${ratios.requestsPerSecond.toFixed(2)}, p50 ${ratios.p50.toFixed(2)}, p99 ${ratios.p99.toFixed(2)}`,
    );
  }
  if (result.disruption) {
    const { description, atMs, failuresAfter, recoveryMs } = result.disruption;
    lines.push(`${description} at ${(atMs / 1000).toFixed(2)} s: ${failuresAfter} failed requests after it, recovered in ${recoveryMs} ms`);
  }
  if (result.churn) lines.push(`churn: ${result.churn.changes} changes, one every ${result.churn.everyMs} ms (slowest apply ${result.churn.slowestApplyMs} ms)`);
  return lines.join('\n');
}
