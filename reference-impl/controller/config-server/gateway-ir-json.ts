// JSON.stringify(ir), written once per route rule object rather than once per pass. The translator's memo hands
// back the same rule objects for routes that did not change (translator/translation-memo.ts), so after one route
// changes among 1,000 only its rules are serialised again; the rest of the IR (listeners, hosts) is small. With
// 1,000 routes serialising the whole IR was a tenth of the controller's CPU on every propagated change.
// The text is exactly JSON.stringify's (same key order, undefined fields left out): a proxy parses it as before,
// and the registry still tells an unchanged IR by comparing the text.
import type { GatewayIR, PortListenerIR, RouteRuleIR, VirtualHostIR } from '../../ir/gateway-ir.ts';
import { sameItems } from '../same-items.ts';

/** Rule objects are never changed once built (the memo relies on it too): their JSON can be kept with them. */
const ruleJson = new WeakMap<RouteRuleIR, string>();

export function gatewayIrJson(ir: GatewayIR): string {
  return objectJson(ir, { listeners: (listeners) => arrayJson(listeners as PortListenerIR[], listenerJson) });
}

function listenerJson(listener: PortListenerIR): string {
  return objectJson(listener, { virtualHosts: (hosts) => arrayJson(hosts as VirtualHostIR[], virtualHostJson) });
}

/**
 * A virtual host's JSON, kept by its first rule: the IR builder makes a new host object each pass, but one whose
 * rules are the same objects as before (the same routes, unchanged) has the same JSON. Finding the changed hosts
 * among 5,000 wrote every host's JSON again on every pass otherwise.
 */
const hostJson = new WeakMap<RouteRuleIR, { hostname: string; rules: readonly RouteRuleIR[]; json: string }>();

export function virtualHostJson(host: VirtualHostIR): string {
  const [first] = host.rules;
  const known = first === undefined ? undefined : hostJson.get(first);
  if (known !== undefined && known.hostname === host.hostname && sameItems(known.rules, host.rules) && Object.keys(host).length === 2) return known.json;
  const json = objectJson(host, { rules: (rules) => arrayJson(rules as RouteRuleIR[], cachedRuleJson) });
  if (first !== undefined) hostJson.set(first, { hostname: host.hostname, rules: host.rules, json });
  return json;
}

function cachedRuleJson(rule: RouteRuleIR): string {
  let json = ruleJson.get(rule);
  if (json === undefined) {
    json = JSON.stringify(rule);
    ruleJson.set(rule, json);
  }
  return json;
}

function arrayJson<T>(items: readonly T[], itemJson: (item: T) => string): string {
  return `[${items.map(itemJson).join(',')}]`;
}

/** An object's JSON with some fields written by the given functions; the others (and skipping) as JSON.stringify does. */
function objectJson<T extends object>(object: T, written: Partial<Record<keyof T, (value: unknown) => string>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    const write = written[key as keyof T];
    parts.push(`${JSON.stringify(key)}:${write ? write(value) : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}
