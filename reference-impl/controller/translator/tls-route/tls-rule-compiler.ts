// Compiles one TLSRoute's rules, once per route, independent of the parents it attaches to: as a TCPRoute's
// (stream-route/stream-rule-compiler.ts). TLSRoute rules have no matches either: the CRD allows one rule, and
// were there several, every connection would match them all, so their backendRefs form one weighted set; an
// unresolved backendRef keeps its share of connections and refuses it. A Service port's appProtocol does not
// matter here: the proxy only moves bytes.
import type { CompiledRoute } from '../route-kind.ts';
import { TLS_ROUTE } from '../route-kind-catalog.ts';
import type { TLSRouteObject } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';
import { type CompiledStreamRule, compileStreamRoute } from '../stream-route/stream-rule-compiler.ts';

/** What a TLSRoute brings to each TLS listener it attaches to. */
export type CompiledTlsRule = CompiledStreamRule;

export function compileTlsRoute(route: TLSRouteObject, index: SnapshotIndex): CompiledRoute<CompiledTlsRule> {
  return compileStreamRoute(TLS_ROUTE.kind, route, index);
}
