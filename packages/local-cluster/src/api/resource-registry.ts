// Which resources this API server serves: the built-ins plus every established CRD's served versions.
// The store knows nothing of this; routing, discovery and OpenAPI all read it from here.

import type { ResourceInfo } from './resource-info.ts';
import { compareVersionPriority } from './version-priority.ts';

export interface GroupVersions {
  group: string;
  /** Preferred first. */
  versions: string[];
}

export class ResourceRegistry {
  /** "group/version/resource" -> info. */
  readonly #resources = new Map<string, ResourceInfo>();
  /** Bumped on every change: discovery and OpenAPI documents carry it in their hash. */
  #generation = 0;

  get generation(): number {
    return this.#generation;
  }

  add(info: ResourceInfo): void {
    this.#resources.set(`${info.group}/${info.version}/${info.resource}`, info);
    this.#generation += 1;
  }

  /** Removes every version of a group's resource (a CRD being deleted or changed). */
  removeGroupResource(group: string, resource: string): void {
    for (const [id, info] of this.#resources) {
      if (info.group === group && info.resource === resource) this.#resources.delete(id);
    }
    this.#generation += 1;
  }

  find(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.#resources.get(`${group}/${version}/${resource}`);
  }

  /** Any served version of a group's resource. */
  findAnyVersion(group: string, resource: string): ResourceInfo | undefined {
    for (const info of this.#resources.values()) {
      if (info.group === group && info.resource === resource) return info;
    }
    return undefined;
  }

  resourcesOf(group: string, version: string): ResourceInfo[] {
    return [...this.#resources.values()]
      .filter((info) => info.group === group && info.version === version)
      .sort((a, b) => (a.resource < b.resource ? -1 : 1));
  }

  /** Every API group except the core one, with its versions preferred first; groups sorted by name. */
  groups(): GroupVersions[] {
    const byGroup = new Map<string, Set<string>>();
    for (const info of this.#resources.values()) {
      if (info.group === '') continue;
      const versions = byGroup.get(info.group) ?? new Set<string>();
      versions.add(info.version);
      byGroup.set(info.group, versions);
    }
    return [...byGroup.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([group, versions]) => ({ group, versions: [...versions].sort(compareVersionPriority) }));
  }

  hasGroupVersion(group: string, version: string): boolean {
    return this.resourcesOf(group, version).length > 0;
  }
}
