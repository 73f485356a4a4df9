// The order in which ListenerSets' listeners join their Gateway's (the ListenerSet spec's precedence): after
// the Gateway's own listeners, sets by creation time (oldest first), then by "<namespace>/<name>". A listener
// that conflicts with one earlier in this order is the one refused.
import type { ListenerSetObject } from './listener-set-object.ts';

export function compareListenerSetPrecedence(a: ListenerSetObject, b: ListenerSetObject): number {
  const createdA = a.metadata.creationTimestamp ?? '';
  const createdB = b.metadata.creationTimestamp ?? '';
  // RFC 3339 times of one precision compare as strings; a set without one (not yet stored) comes last.
  if (createdA !== createdB) {
    if (createdA === '') return 1;
    if (createdB === '') return -1;
    return createdA < createdB ? -1 : 1;
  }
  const keyA = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const keyB = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return keyA < keyB ? -1 : Number(keyA > keyB);
}
