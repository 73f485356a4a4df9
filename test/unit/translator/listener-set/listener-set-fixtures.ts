// Object literals for the ListenerSet tests: a Gateway that allows sets, a set, and a look at a set's status.
import type { ListenerSetObject, ListenerSetStatus } from '../../../../reference-impl/controller/translator/listener-set/listener-set-object.ts';
import type { GatewayObject, ListenerSpec } from '../../../../reference-impl/controller/translator/snapshot.ts';
import type { TranslationResult } from '../../../../reference-impl/controller/translator/translation-result.ts';
import { gateway, statusOf } from '../fixtures.ts';

type From = 'All' | 'Same' | 'Selector' | 'None';

export function allowingGateway(name: string, listeners: ListenerSpec[], from: From = 'Same', selector?: Record<string, string>): GatewayObject {
  const base = gateway(name, listeners);
  const namespaces = selector === undefined ? { from } : { from, selector: { matchLabels: selector } };
  return { ...base, spec: { ...base.spec, allowedListeners: { namespaces } } };
}

export function listenerSet(name: string, listeners: ListenerSpec[], options: { namespace?: string; gateway?: string; created?: string } = {}): ListenerSetObject {
  return {
    metadata: { name, namespace: options.namespace ?? 'infra', generation: 4, creationTimestamp: options.created ?? '2026-01-01T00:00:00Z' },
    spec: { parentRef: { name: options.gateway ?? 'gw', namespace: 'infra' }, listeners },
  };
}

export function listenerSetStatusOf(result: TranslationResult, name: string, namespace = 'infra'): Required<ListenerSetStatus> {
  return statusOf(result, 'ListenerSet', name, namespace) as Required<ListenerSetStatus>;
}

export function setListener(result: TranslationResult, set: string, listener: string, namespace = 'infra') {
  const found = listenerSetStatusOf(result, set, namespace).listeners.find((entry) => entry.name === listener);
  if (!found) throw new Error(`no status for listener ${listener} of ListenerSet ${namespace}/${set}`);
  return found;
}
