// Plays the part of Kubernetes' CRD controllers: serves each stored CRD's versions (discovery,
// routing, validation), marks it NamesAccepted and Established in its status, and, when a CRD is
// deleted, stops serving it and deletes its custom resources.

import { isDeepStrictEqual } from 'node:util';
import { type CrdVersionValidator, compileCrdValidators } from '../crd/crd-validator.ts';
import type { KubeObject, ObjectStore } from '../store/object-store-contract.ts';
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { CRDS_KEY } from './built-in-resources.ts';
import { crdNames, crdVersions, resourcesOfCrd } from './crd-resources.ts';
import type { ResourceRegistry } from './resource-registry.ts';

interface Served {
  group: string;
  resource: string;
  generation: number | undefined;
}

export class CrdEstablisher {
  readonly #store: ObjectStore;
  readonly #registry: ResourceRegistry;
  readonly #log: (line: string) => void;
  readonly #served = new Map<string, Served>();
  #stopWatch: () => void = () => {};

  constructor(store: ObjectStore, registry: ResourceRegistry, log: (line: string) => void) {
    this.#store = store;
    this.#registry = registry;
    this.#log = log;
  }

  /** Serves the CRDs already stored, then follows changes. */
  start(): void {
    this.#stopWatch = this.#store.watch(CRDS_KEY, undefined, undefined, (event) => {
      if (event.type === 'DELETED') this.#retire(event.object);
      else this.#serve(event.object);
    });
  }

  stop(): void {
    this.#stopWatch();
  }

  #serve(crd: KubeObject): void {
    const name = crd.metadata.name;
    const names = crdNames(crd);
    const previous = this.#served.get(name);
    if (!previous || previous.generation !== crd.metadata.generation) {
      let validators: Map<string, CrdVersionValidator>;
      try {
        validators = compileCrdValidators(crd);
      } catch (error) {
        this.#log(`CustomResourceDefinition ${name} is not served: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (previous) this.#registry.removeGroupResource(previous.group, previous.resource);
      for (const info of resourcesOfCrd(crd, validators)) this.#registry.add(info);
      this.#served.set(name, { group: names.group, resource: names.plural, generation: crd.metadata.generation });
    }
    this.#markEstablished(crd);
  }

  #markEstablished(crd: KubeObject): void {
    const status = establishedStatus(crd);
    if (isDeepStrictEqual(withoutTimes(status), withoutTimes(crd.status))) return;
    try {
      this.#store.update(CRDS_KEY, { ...crd, status }, { subresource: 'status' });
    } catch (error) {
      // A newer version of the CRD is on its way: its own event establishes it.
      this.#log(`could not update the status of CustomResourceDefinition ${crd.metadata.name}: ${String(error)}`);
    }
  }

  #retire(crd: KubeObject): void {
    const served = this.#served.get(crd.metadata.name);
    if (!served) return;
    this.#served.delete(crd.metadata.name);
    this.#registry.removeGroupResource(served.group, served.resource);
    const key = { group: served.group, resource: served.resource };
    for (const object of this.#store.list(key).items) {
      if (this.#store.get(key, object.metadata.namespace, object.metadata.name)) {
        this.#store.delete(key, object.metadata.namespace, object.metadata.name);
      }
    }
  }
}

function establishedStatus(crd: KubeObject): Record<string, unknown> {
  const names = crdNames(crd);
  const previous = (typeof crd.status === 'object' && crd.status !== null ? crd.status : {}) as Record<string, unknown>;
  const time = rfc3339Seconds();
  const storage = crdVersions(crd).find((v) => v.storage)?.name;
  const stored = Array.isArray(previous.storedVersions) ? (previous.storedVersions as string[]) : [];
  const condition = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastTransitionTime: time,
    reason,
    message,
  });
  return {
    ...previous,
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: {
      plural: names.plural,
      singular: names.singular,
      kind: names.kind,
      listKind: names.listKind,
      ...(names.shortNames.length > 0 ? { shortNames: names.shortNames } : {}),
      ...(names.categories.length > 0 ? { categories: names.categories } : {}),
    },
    storedVersions: storage && !stored.includes(storage) ? [...stored, storage] : stored,
  };
}

function withoutTimes(status: unknown): unknown {
  if (typeof status !== 'object' || status === null) return status;
  const copy = structuredClone(status) as { conditions?: { lastTransitionTime?: string }[] };
  for (const c of copy.conditions ?? []) delete c.lastTransitionTime;
  return copy;
}
