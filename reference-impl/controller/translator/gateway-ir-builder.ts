// Builds one Gateway's IR from its usable listeners and the routes attached to them: listeners
// sharing a port are merged, every attached (route, hostname) becomes rules of a virtual host, and
// each virtual host's rules are put in Gateway API precedence order.
import { type GatewayIR, IR_SCHEMA_VERSION, type PortListenerIR } from '../../ir/gateway-ir.ts';
import { wildcardMatches } from './hostname-intersection.ts';
import { listenerIsServed, type ValidatedListener } from './listener-validation.ts';
import { compareRulePrecedence } from './route-precedence.ts';
import type { CompiledRule } from './route-rules.ts';

export interface AttachedRoute {
  listener: ValidatedListener;
  hostnames: string[];
  rules: CompiledRule[];
}

export function buildGatewayIR(gateway: { namespace: string; name: string }, listeners: ValidatedListener[], attached: AttachedRoute[]): GatewayIR {
  const ports = new Map<number, Map<string, Map<string, CompiledRule>>>();
  for (const listener of listeners.filter(listenerIsServed)) {
    let hosts = ports.get(listener.spec.port);
    if (!hosts) {
      hosts = new Map();
      ports.set(listener.spec.port, hosts);
    }
    // A listener's own hostname is always a virtual host, even without routes: its hosts must get a
    // 404 rather than fall through to the routes of a less specific listener.
    const own = listener.spec.hostname?.toLowerCase();
    if (own && !hosts.has(own)) hosts.set(own, new Map());
  }
  for (const attachment of attached) {
    const hosts = ports.get(attachment.listener.spec.port);
    if (!hosts || !listenerIsServed(attachment.listener)) continue;
    for (const hostname of attachment.hostnames) {
      if (claimedByMoreSpecificListener(attachment.listener, hostname, listeners)) continue;
      let rules = hosts.get(hostname);
      if (!rules) {
        rules = new Map();
        hosts.set(hostname, rules);
      }
      // A route attached through two listeners of one port must not appear twice in a virtual host.
      for (const rule of attachment.rules) rules.set(rule.rule.id, rule);
    }
  }
  const portListeners: PortListenerIR[] = [...ports.entries()]
    .sort(([a], [b]) => a - b)
    .map(([port, hosts]) => ({
      port,
      protocol: 'HTTP',
      virtualHosts: [...hosts.entries()]
        .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
        .map(([hostname, rules]) => ({
          hostname,
          rules: [...rules.values()].sort(compareRulePrecedence).map((compiled) => compiled.rule),
        })),
    }));
  return { schemaVersion: IR_SCHEMA_VERSION, gateway: { namespace: gateway.namespace, name: gateway.name }, listeners: portListeners };
}

/**
 * A request is handled by the most specific listener matching its host. So a route attached to
 * `*.example.com` with hostname `foo.example.com` (or `*.foo.example.com`) gets no traffic for it
 * when a more specific listener covering that name (`foo.example.com`, `*.foo.example.com`...)
 * exists on the same port.
 */
function claimedByMoreSpecificListener(owner: ValidatedListener, hostname: string, listeners: ValidatedListener[]): boolean {
  const ownerRank = specificity(owner.spec.hostname);
  return listeners.some((other) => {
    if (other === owner || other.spec.port !== owner.spec.port || !listenerIsServed(other)) return false;
    const otherHostname = other.spec.hostname?.toLowerCase();
    if (!otherHostname || specificity(otherHostname) <= ownerRank) return false;
    return otherHostname === hostname || (otherHostname.startsWith('*.') && wildcardMatches(otherHostname, hostname));
  });
}

/** Exact names beat wildcards; longer wildcards beat shorter ones; no hostname is least specific. */
function specificity(hostname: string | undefined): number {
  if (!hostname) return 0;
  return hostname.startsWith('*.') ? hostname.length : Number.MAX_SAFE_INTEGER;
}
