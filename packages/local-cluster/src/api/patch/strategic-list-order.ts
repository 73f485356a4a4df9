// The order the Kubernetes API server gives a merged list in a strategic merge patch. Items named by the
// patch (its elements, or its $setElementOrder list) keep the patch's order; items only the server had keep
// theirs; the two runs are interleaved by comparing positions in the server's list before the patch, with
// patch items first whenever a position cannot be compared (new items).
import { jsonEqual } from './json-value.ts';

export type Identity = (item: unknown) => unknown;

function positionIn(list: unknown[], item: unknown, identity: Identity): number {
  const wanted = identity(item);
  return list.findIndex((candidate) => jsonEqual(identity(candidate), wanted));
}

function interleave(serverOnly: unknown[], patchItems: unknown[], serverOrder: unknown[], identity: Identity): unknown[] {
  const result: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) result.push(patchItems[j++]);
    else if (j >= patchItems.length) result.push(serverOnly[i++]);
    else {
      const left = positionIn(serverOrder, serverOnly[i], identity);
      const right = positionIn(serverOrder, patchItems[j], identity);
      if (left >= 0 && right >= 0 && left < right) result.push(serverOnly[i++]);
      else result.push(patchItems[j++]);
    }
  }
  return result;
}

/**
 * Orders `merged` (the list after merging): `order` lists the items the patch names (patch elements or
 * $setElementOrder entries), `serverOrder` is the list as stored before the patch.
 */
export function orderMergedList(merged: unknown[], order: unknown[], serverOrder: unknown[], identity: Identity): unknown[] {
  const named: { item: unknown; position: number }[] = [];
  const serverOnly: unknown[] = [];
  for (const item of merged) {
    const position = positionIn(order, item, identity);
    if (position >= 0) named.push({ item, position });
    else serverOnly.push(item);
  }
  named.sort((a, b) => a.position - b.position);
  serverOnly.sort((a, b) => positionIn(serverOrder, a, identity) - positionIn(serverOrder, b, identity));
  return interleave(
    serverOnly,
    named.map((entry) => entry.item),
    serverOrder,
    identity,
  );
}
