// Compiles one TCPRoute's or UDPRoute's rules into the weighted stream backends its listener's connections (or
// UDP flows) are forwarded to, once per route. These rules have no matches: were there several, every
// connection would match them all, so their backendRefs form one weighted set. A backendRef that does not
// resolve keeps its weight as an invalid backend, so exactly its share of connections is refused, and the
// route's ResolvedRefs condition names it. A Service port's protocol is not checked against the route's: a
// UDPRoute naming a TCP port gets no answers, as the specification leaves it.
import type { StreamBackendIR } from '../../../ir/gateway-ir.ts';
import { type RefFailure, resolveServiceRef } from '../backend-resolution.ts';
import type { CompiledRoute } from '../route-kind.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';
import type { StreamRouteObject } from './stream-route-object.ts';

/** What a TCPRoute or UDPRoute brings to each listener it attaches to. */
export interface CompiledStreamRule {
  route: { namespace: string; name: string; creationTimestamp: string };
  backends: StreamBackendIR[];
}

export function compileStreamRoute(kind: string, route: StreamRouteObject, index: SnapshotIndex): CompiledRoute<CompiledStreamRule> {
  const namespace = route.metadata.namespace ?? '';
  const rules = route.spec.rules ?? [];
  const refFailures: RefFailure[] = [];
  const backends = rules.flatMap((rule, ruleIndex) =>
    (rule.backendRefs ?? []).map((ref, refIndex): StreamBackendIR => {
      const weight = ref.weight ?? 1;
      const resolution = resolveServiceRef(ref, { kind, namespace }, index);
      if (resolution.ok) return { kind: 'service', name: resolution.label, weight, endpoints: resolution.service.endpoints };
      const failure = { reason: resolution.failure.reason, message: `rules[${ruleIndex}].backendRefs[${refIndex}]: ${resolution.failure.message}` };
      refFailures.push(failure);
      return { kind: 'invalid', name: resolution.label, weight, reason: `${failure.reason}: ${failure.message}` };
    }),
  );
  const compiled: CompiledStreamRule = { route: { namespace, name: route.metadata.name, creationTimestamp: route.metadata.creationTimestamp ?? '' }, backends };
  return { rules: [compiled], refFailures, invalidRules: [], ruleCount: Math.max(rules.length, 1) };
}
