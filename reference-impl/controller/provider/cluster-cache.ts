// All the watchers the controller needs, started together; a snapshot is only offered once every
// one of them has listed successfully (a partial view would delete infra or drop routes).
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { ClusterSnapshot } from '../translator/snapshot.ts';
import { ResourceWatcher } from './resource-watcher.ts';
import { buildSnapshot, type WatchedObjects } from './snapshot-builder.ts';
import { type ResourceName, watchedResources } from './watched-resources.ts';

export class ClusterCache {
  readonly #watchers: Map<ResourceName, ResourceWatcher>;

  /** `onChange` gets the changed object (none when a whole list arrived). */
  constructor(config: KubeConfig, onChange: (object?: KubernetesObject) => void, log: Logger) {
    this.#watchers = new Map(watchedResources(config).map((resource) => [resource.name, new ResourceWatcher(config, resource, onChange, log)]));
  }

  /** Starts every watcher; each retries on its own until it succeeds and then reports a change. */
  start(): void {
    for (const watcher of this.#watchers.values()) void watcher.start();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#watchers.values()].map((watcher) => watcher.stop()));
  }

  allSynced(): boolean {
    return [...this.#watchers.values()].every((watcher) => watcher.synced);
  }

  notSynced(): string[] {
    return [...this.#watchers.values()].filter((watcher) => !watcher.synced).map((watcher) => watcher.resource.description);
  }

  list(name: ResourceName): readonly KubernetesObject[] {
    return this.#watchers.get(name)?.list() ?? [];
  }

  snapshot(now: Date): ClusterSnapshot {
    const objects = Object.fromEntries([...this.#watchers.keys()].map((name) => [name, this.list(name)])) as WatchedObjects;
    return buildSnapshot(objects, now);
  }
}
