// Whether a Gateway lets a ListenerSet attach: its spec.allowedListeners.namespaces.from says which namespaces
// ListenerSets may come from (None, the default: none; Same: the Gateway's; Selector: namespaces whose labels
// match; All). The reason a refused set reports is NotAllowed.
import { selectorMatches } from '../label-selector.ts';
import type { GatewayObject } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';

/** Why `gateway` refuses ListenerSets of `namespace`, or undefined when it allows them. */
export function listenerSetRefusal(gateway: GatewayObject, namespace: string, index: SnapshotIndex): string | undefined {
  const allowed = gateway.spec.allowedListeners?.namespaces;
  const from = allowed?.from ?? 'None';
  const gatewayName = `Gateway ${gateway.metadata.namespace ?? ''}/${gateway.metadata.name}`;
  switch (from) {
    case 'All':
      return undefined;
    case 'Same':
      if (namespace === (gateway.metadata.namespace ?? '')) return undefined;
      return `${gatewayName} allows ListenerSets of its own namespace only (allowedListeners.namespaces.from Same)`;
    case 'Selector': {
      const labels = index.namespaces.get(namespace)?.metadata.labels;
      if (allowed?.selector !== undefined && selectorMatches(allowed.selector, labels)) return undefined;
      return `${gatewayName} allows ListenerSets of namespaces matching its allowedListeners selector; namespace ${namespace} does not match`;
    }
    default:
      return `${gatewayName} allows no ListenerSets (allowedListeners.namespaces.from is None or absent); set it to Same, Selector or All`;
  }
}

/** True when the Gateway allows ListenerSets from any namespace at all (its status then counts attached sets). */
export function allowsListenerSets(gateway: GatewayObject): boolean {
  return (gateway.spec.allowedListeners?.namespaces?.from ?? 'None') !== 'None';
}
