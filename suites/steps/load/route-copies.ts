// Copies of a scenario's route template: copy n is named <name>-<n> and has the one hostname
// r<n>.<the template's first hostname>, so each copy is told apart by its Host and nothing else changes.
import type { LocatedManifest } from '../../../harness/scenario/scenario-types.ts';

export interface RouteCopy {
  manifest: LocatedManifest;
  hostname: string;
}

export function routeCopy(template: LocatedManifest, index: number): RouteCopy {
  const object = structuredClone(template.object);
  const spec = object.spec as { hostnames: string[] };
  const hostname = `r${index}.${spec.hostnames[0]}`;
  spec.hostnames = [hostname];
  object.metadata = { ...object.metadata, name: `${template.object.metadata.name}-${index}` };
  return { manifest: { object, source: template.source }, hostname };
}

/** Runs `work` over items with at most `concurrency` in flight; rejects with the first failure. */
export async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
