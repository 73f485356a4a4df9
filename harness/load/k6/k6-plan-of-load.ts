// A scenario's load run as a k6 plan: the same request, model, rate, duration, connections (VUs) and
// timeout, the backends of its weights to attribute answers to, and its expectations as k6 thresholds.
//
//   k6PlanOfLoad(load: LoadSpec, target): K6Plan
import type { LoadSpec } from '../../scenario/scenario-types.ts';
import type { K6Plan } from './k6-script.ts';

export function k6PlanOfLoad(load: LoadSpec, target: { host: string; port: number }): K6Plan {
  return {
    baseUrl: `http://${target.host}:${target.port}`,
    request: load.request,
    model: load.model,
    ...(load.rate === undefined ? {} : { rate: load.rate }),
    durationSeconds: load.durationSeconds,
    connections: load.connections,
    timeoutSeconds: load.timeoutSeconds,
    candidates: load.weights === undefined ? [] : Object.keys(load.weights),
    thresholds: { maxErrors: load.expect.maxErrors, latencyMs: load.expect.latencyMs, ...(load.expect.requestsPerSecond === undefined ? {} : { requestsPerSecond: load.expect.requestsPerSecond }) },
  };
}
