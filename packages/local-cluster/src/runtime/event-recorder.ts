// Kubernetes Events (core v1) as the built-in components emit them, so `kubectl describe` and
// `kubectl get events` tell what the local cluster did and why (ScalingReplicaSet, SuccessfulCreate,
// Scheduled, Started, Failed, BackOff, Killing, ...). A repeat of the same event bumps its count, as the
// real event recorder does. Best effort, as in Kubernetes: a failed write is dropped, never thrown.
import { randomBytes } from 'node:crypto';
import type { KubeObject, ObjectStore } from '../store/object-store-contract.ts';
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { EVENTS } from './resource-keys.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSink {
  /** `fieldPath` points into the object, e.g. `spec.containers{echo}` for a container's events. */
  record(object: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void;
}

/** Like the API server's default event TTL: older events are deleted. */
const EVENT_TTL_MS = 60 * 60 * 1000;
/** Repeats are recognised among this many recent events; older ones start a new Event. */
const REMEMBERED_EVENTS = 2000;

interface Remembered {
  namespace: string;
  name: string;
  createdAt: number;
}

export class EventRecorder implements EventSink {
  readonly #store: ObjectStore;
  readonly #component: string;
  readonly #host: string | undefined;
  /** Recent events by what they say, for counting repeats. */
  readonly #recent = new Map<string, Remembered>();
  /** Every event created, oldest first, for the TTL. */
  readonly #created: Remembered[] = [];

  constructor(store: ObjectStore, component: string, host?: string) {
    this.#store = store;
    this.#component = component;
    this.#host = host;
  }

  record(object: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const namespace = object.metadata.namespace ?? 'default';
    const key = [object.metadata.uid, fieldPath, type, reason, message].join('\n');
    const now = rfc3339Seconds();
    try {
      this.#expireOld();
      const known = this.#recent.get(key);
      const existing = known && this.#store.get(EVENTS, known.namespace, known.name);
      if (existing) {
        this.#store.update(EVENTS, { ...existing, count: Number(existing.count ?? 1) + 1, lastTimestamp: now });
        return;
      }
      const name = `${object.metadata.name}.${randomBytes(8).toString('hex')}`;
      this.#store.create(EVENTS, this.#event(object, namespace, name, type, reason, message, fieldPath, now));
      const remembered = { namespace, name, createdAt: Date.now() };
      this.#created.push(remembered);
      this.#recent.set(key, remembered);
      if (this.#recent.size > REMEMBERED_EVENTS) this.#recent.delete(this.#recent.keys().next().value ?? '');
    } catch {
      // Events are best effort (the namespace may be going away); the work they describe goes on.
    }
  }

  #event(
    object: KubeObject,
    namespace: string,
    name: string,
    type: EventType,
    reason: string,
    message: string,
    fieldPath: string | undefined,
    now: string,
  ): KubeObject {
    const involvedObject: Record<string, string> = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      uid: object.metadata.uid ?? '',
    };
    if (object.metadata.namespace) involvedObject.namespace = object.metadata.namespace;
    if (object.metadata.resourceVersion) involvedObject.resourceVersion = object.metadata.resourceVersion;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    return {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject,
      reason,
      message,
      type,
      source: this.#host ? { component: this.#component, host: this.#host } : { component: this.#component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      eventTime: null,
      reportingComponent: this.#component,
      reportingInstance: this.#host ?? '',
    };
  }

  #expireOld(): void {
    const cutoff = Date.now() - EVENT_TTL_MS;
    while (this.#created.length > 0 && (this.#created[0]?.createdAt ?? cutoff) < cutoff) {
      const expired = this.#created.shift();
      if (!expired) break;
      try {
        this.#store.delete(EVENTS, expired.namespace, expired.name);
      } catch {
        // already gone
      }
    }
  }
}
