// The k6 engine (`engine: k6`) on this machine: the load run as a generated script (k6-script.ts), run by
// k6-process.ts, its summary parsed into the results model. Thresholds from the scenario go into the
// script as k6 thresholds too, so a k6 run reports them the way k6 users expect; the scenario's verdict
// is still judged from the results model, as for every engine.
//
//   runK6Load(plan): Promise<LoadResult>
import type { LoadRequest } from '../engine/http1-request.ts';
import type { LoadModel, LoadResult } from '../load-result.ts';
import { runK6Script } from './k6-process.ts';
import { k6Result } from './k6-result.ts';
import { generateK6Script, type K6Thresholds } from './k6-script.ts';
import { parseK6Summary } from './k6-summary.ts';

export interface K6LoadPlan {
  name?: string;
  target: { host: string; port: number };
  request: LoadRequest;
  model: LoadModel;
  durationSeconds: number;
  connections: number;
  rate?: number;
  timeoutSeconds?: number;
  candidates?: string[];
  thresholds?: K6Thresholds;
  signal?: AbortSignal;
}

export async function runK6Load(plan: K6LoadPlan): Promise<LoadResult> {
  const candidates = plan.candidates ?? [];
  const script = generateK6Script({
    baseUrl: `http://${plan.target.host}:${plan.target.port}`,
    request: plan.request,
    model: plan.model,
    ...(plan.rate === undefined ? {} : { rate: plan.rate }),
    durationSeconds: plan.durationSeconds,
    connections: plan.connections,
    timeoutSeconds: plan.timeoutSeconds ?? 10,
    candidates,
    thresholds: plan.thresholds ?? {},
  });
  const { summary } = await runK6Script(script, { durationSeconds: plan.durationSeconds, ...(plan.signal === undefined ? {} : { signal: plan.signal }) });
  return k6Result(parseK6Summary(summary, 'k6 run'), {
    ...(plan.name === undefined ? {} : { name: plan.name }),
    model: plan.model,
    target: plan.target,
    connections: plan.connections,
    ...(plan.rate === undefined ? {} : { rate: plan.rate }),
    candidates,
    runners: 1,
  });
}
