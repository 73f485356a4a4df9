// Compiles one TLSRoute's rules into the weighted stream backends a connection is forwarded to, once per route,
// independent of the parents it attaches to. TLSRoute rules have no matches: the CRD allows one rule, and were
// there several, every connection would match them all, so their backendRefs form one weighted set. A backendRef
// that does not resolve keeps its weight as an invalid backend, so exactly its share of connections is refused,
// as the specification asks; the route's ResolvedRefs condition names it. A Service port's appProtocol does not
// matter here: the proxy only moves bytes.
import type { StreamBackendIR } from '../../../ir/gateway-ir.ts';
import { type RefFailure, resolveServiceRef } from '../backend-resolution.ts';
import type { CompiledRoute } from '../route-kind.ts';
import { TLS_ROUTE } from '../route-kind-catalog.ts';
import type { TLSRouteObject } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';

/** What a TLSRoute brings to each TLS listener it attaches to. */
export interface CompiledTlsRule {
  route: { namespace: string; name: string; creationTimestamp: string };
  backends: StreamBackendIR[];
}

export function compileTlsRoute(route: TLSRouteObject, index: SnapshotIndex): CompiledRoute<CompiledTlsRule> {
  const namespace = route.metadata.namespace ?? '';
  const rules = route.spec.rules ?? [];
  const refFailures: RefFailure[] = [];
  const backends = rules.flatMap((rule, ruleIndex) =>
    (rule.backendRefs ?? []).map((ref, refIndex): StreamBackendIR => {
      const weight = ref.weight ?? 1;
      const resolution = resolveServiceRef(ref, { kind: TLS_ROUTE.kind, namespace }, index);
      if (resolution.ok) return { kind: 'service', name: resolution.label, weight, endpoints: resolution.service.endpoints };
      const failure = { reason: resolution.failure.reason, message: `rules[${ruleIndex}].backendRefs[${refIndex}]: ${resolution.failure.message}` };
      refFailures.push(failure);
      return { kind: 'invalid', name: resolution.label, weight, reason: `${failure.reason}: ${failure.message}` };
    }),
  );
  const compiled: CompiledTlsRule = { route: { namespace, name: route.metadata.name, creationTimestamp: route.metadata.creationTimestamp ?? '' }, backends };
  return { rules: [compiled], refFailures, invalidRules: [], ruleCount: Math.max(rules.length, 1) };
}
