// Route churn during a load run: the scenario's manifests applied in turn, one change every `everyMs`,
// until stopped. Each apply is awaited before the next is due, so a slow API server shows as a slow
// apply (reported) rather than a pile of concurrent writes.
import { applyManifests } from '../../../harness/kube/apply-manifests.ts';
import type { KubeClient } from '../../../harness/kube/kube-client.ts';
import type { ChurnResult } from '../../../harness/load/load-result.ts';
import type { ChurnSpec } from '../../../harness/scenario/scenario-types.ts';

export interface RunningChurn {
  /** Stops after the apply in flight; resolves with what was done, or rejects with the first failed apply. */
  stop(): Promise<ChurnResult>;
}

export function startChurn(kube: KubeClient, spec: ChurnSpec): RunningChurn {
  let changes = 0;
  let slowestApplyMs = 0;
  let stopped = false;
  let failure: unknown;
  const loop = (async () => {
    let next = performance.now() + spec.everyMs;
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
      if (stopped) break;
      const change = spec.changes[changes % spec.changes.length] ?? [];
      const started = performance.now();
      try {
        await applyManifests(kube, change);
      } catch (error) {
        failure = error;
        break;
      }
      slowestApplyMs = Math.max(slowestApplyMs, performance.now() - started);
      changes += 1;
      next += spec.everyMs;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      if (failure !== undefined) throw failure;
      return { changes, everyMs: spec.everyMs, slowestApplyMs: Math.round(slowestApplyMs) };
    },
  };
}
