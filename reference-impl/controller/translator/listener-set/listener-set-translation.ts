// Decides, for every ListenerSet naming one of our Gateways, whether it attaches and which of its listeners
// are valid, in precedence order (listener-set-precedence.ts): the Gateway must be accepted and allow the set's
// namespace; each listener is validated as a Gateway's would be (its certificates resolved from the set's
// namespace, ReferenceGrants naming ListenerSet) and conflicts only with listeners earlier in the merged list
// (the Gateway's, then earlier sets'), so the earlier listener keeps serving and the later one is refused. A set
// with no valid listener is not accepted, and its listeners do not block later sets'.
import { ListenerReason, ListenerSetConditionType, ListenerSetReason } from '../condition-names.ts';
import { type DesiredCondition, falseCondition, trueCondition } from '../conditions.ts';
import { GATEWAY_API_GROUP, GATEWAY_KIND } from '../gateway-api-names.ts';
import { type ListenerConflict, listenerConflict, listenerIsInvalid, type ValidatedListener, validateListener } from '../listener-validation.ts';
import type { GatewayInTranslation } from '../route-translation.ts';
import { objectKey } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';
import { listenerSetRefusal } from './listener-set-allowance.ts';
import { LISTENER_SET_KIND, type ListenerSetObject } from './listener-set-object.ts';
import { compareListenerSetPrecedence } from './listener-set-precedence.ts';

export interface ListenerSetInTranslation {
  object: ListenerSetObject;
  namespace: string;
  name: string;
  /** `<namespace>/<name>` of the parent Gateway. */
  gatewayKey: string;
  accepted: DesiredCondition;
  /** Its listeners, validated and with conflicts settled; empty when the set was refused before they were looked at. */
  listeners: ValidatedListener[];
}

/** Keyed by `<namespace>/<name>` of the set; sets naming no Gateway of ours are left out (another controller's). */
export function translateListenerSets(
  sets: readonly ListenerSetObject[],
  gateways: Map<string, GatewayInTranslation>,
  index: SnapshotIndex,
  now: string,
): Map<string, ListenerSetInTranslation> {
  const result = new Map<string, ListenerSetInTranslation>();
  // Per Gateway, the listeners that hold their port and hostname so far: its own, then accepted sets'.
  const merged = new Map<string, ValidatedListener[]>();
  for (const set of [...sets].sort(compareListenerSetPrecedence)) {
    const namespace = set.metadata.namespace ?? '';
    const gatewayKey = parentGatewayKey(set, namespace);
    const gateway = gatewayKey === undefined ? undefined : gateways.get(gatewayKey);
    if (gatewayKey === undefined || gateway === undefined) continue;
    const entry = { object: set, namespace, name: set.metadata.name, gatewayKey };
    const { Accepted } = ListenerSetConditionType;
    if (gateway.accepted.status !== 'True') {
      const message = `the parent Gateway ${gatewayKey} is not accepted (${gateway.accepted.reason})`;
      result.set(objectKey(set.metadata), { ...entry, accepted: falseCondition(Accepted, ListenerSetReason.ParentNotAccepted, message), listeners: [] });
      continue;
    }
    const refusal = listenerSetRefusal(gateway.object, namespace, index);
    if (refusal !== undefined) {
      result.set(objectKey(set.metadata), { ...entry, accepted: falseCondition(Accepted, ListenerSetReason.NotAllowed, refusal), listeners: [] });
      continue;
    }
    const earlier = merged.get(gatewayKey) ?? gateway.listeners.filter((listener) => listener.conflict === undefined);
    const owner = { namespace, referrerKind: LISTENER_SET_KIND, frontend: gateway.object.spec.tls?.frontend, listenerSet: objectKey(set.metadata) };
    const listeners: ValidatedListener[] = [];
    for (const spec of set.spec.listeners ?? []) {
      const validated = validateListener(spec, owner, index, now);
      const holders = [...earlier, ...listeners.filter((listener) => listener.conflict === undefined)];
      listeners.push({ ...validated, conflict: conflictWithEarlier(validated, holders) });
    }
    const accepted = acceptance(listeners);
    if (accepted.status === 'True') earlier.push(...listeners.filter((listener) => listener.conflict === undefined));
    merged.set(gatewayKey, earlier);
    result.set(objectKey(set.metadata), { ...entry, accepted, listeners });
  }
  return result;
}

/** The listeners a Gateway serves: its own, then those of its accepted ListenerSets in precedence order. */
export function mergedListeners(gateway: GatewayInTranslation, gatewayKey: string, sets: Map<string, ListenerSetInTranslation>): ValidatedListener[] {
  const attached = [...sets.values()].filter((set) => set.gatewayKey === gatewayKey && set.accepted.status === 'True');
  attached.sort((a, b) => compareListenerSetPrecedence(a.object, b.object));
  return [...gateway.listeners, ...attached.flatMap((set) => set.listeners)];
}

function conflictWithEarlier(listener: ValidatedListener, holders: ValidatedListener[]): ListenerConflict | undefined {
  let conflict: ListenerConflict | undefined;
  for (const holder of holders) {
    const found = listenerConflict(listener.spec, holder.spec);
    if (found === ListenerReason.ProtocolConflict) return found;
    conflict ??= found;
  }
  return conflict;
}

function acceptance(listeners: ValidatedListener[]): DesiredCondition {
  const { Accepted } = ListenerSetConditionType;
  const invalid = listeners.filter(listenerIsInvalid).map((listener) => listener.spec.name);
  if (invalid.length === 0) return trueCondition(Accepted, ListenerSetReason.Accepted, 'the ListenerSet is attached to its Gateway');
  const message = `listeners not valid: ${invalid.join(', ')} (see their conditions)`;
  if (invalid.length < listeners.length) return trueCondition(Accepted, ListenerSetReason.ListenersNotValid, `${message}; the others are attached`);
  return falseCondition(Accepted, ListenerSetReason.ListenersNotValid, `${message}; none is left to attach`);
}

function parentGatewayKey(set: ListenerSetObject, namespace: string): string | undefined {
  const ref = set.spec.parentRef;
  if ((ref.group ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP || (ref.kind ?? GATEWAY_KIND) !== GATEWAY_KIND) return undefined;
  return `${ref.namespace ?? namespace}/${ref.name}`;
}
