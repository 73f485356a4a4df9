// Keeps the list of Update managers short, as the Kubernetes API server does: beyond ten, the oldest are
// folded, per apiVersion, into one "ancient-changes" entry that keeps their fields (and the newest time).

import { type Managers, managerIdentity } from './managers.ts';

const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = 'ancient-changes';

export function capUpdateManagers(managers: Managers): void {
  const updaters = [...managers.entries()].filter(([, entry]) => entry.operation === 'Update');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  const seconds = (time: string | undefined) => (time === undefined ? 0 : Date.parse(time));
  updaters.sort(([a, x], [b, y]) => seconds(x.time) - seconds(y.time) || (a < b ? -1 : a > b ? 1 : 0));
  const firstOfVersion = new Map<string, string>();
  let count = updaters.length;
  for (const [identity, entry] of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const first = firstOfVersion.get(entry.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(entry.apiVersion, identity);
      continue;
    }
    const bucketEntry = { manager: ANCIENT_CHANGES, operation: 'Update' as const, apiVersion: entry.apiVersion };
    const bucket = managerIdentity(bucketEntry);
    const into = managers.get(bucket) ?? managers.get(first);
    if (into === undefined) continue;
    managers.delete(first);
    managers.delete(identity);
    const merged = { ...bucketEntry, set: into.set.union(entry.set) };
    managers.set(bucket, entry.time === undefined ? merged : { ...merged, time: entry.time });
    count--;
  }
}
