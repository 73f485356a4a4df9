// One kind of route as the shared translation stages see it. Attachment to parents, hostname intersection,
// backend resolution, ReferenceGrant checks and the route's status are written once (route-translation.ts,
// route-attachment.ts, backend-resolution.ts, route-status.ts); a kind brings only what differs: where its
// objects are in the snapshot, its hostnames, and how its rules compile into what the IR needs. HTTPRoute is
// the first (http-route/http-route-kind.ts); GRPCRoute, TLSRoute, TCPRoute and UDPRoute implement the same
// interface next to it and add their entry to route-kind-catalog.ts.
import type { RefFailure } from './backend-resolution.ts';
import type { RuleInvalidReason } from './condition-names.ts';
import type { RouteKindInfo, RouteKindName } from './route-kind-catalog.ts';
import type { ClusterSnapshot, RouteObject } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

/** A rule the route cannot have honoured as written, and why. */
export interface InvalidRule {
  ruleIndex: number;
  reason: RuleInvalidReason;
  message: string;
}

/** A route's rules compiled once, independent of the parents it attaches to. */
export interface CompiledRoute<Rule> {
  /** What the route contributes to the IR of each listener it attaches to. */
  rules: Rule[];
  /** References that do not resolve, in rule order: ResolvedRefs False, with the first one's reason. */
  refFailures: RefFailure[];
  /** Invalid rules: the route is PartiallyInvalid when others are valid, and refused when none is. */
  invalidRules: InvalidRule[];
  /** How many rules the route has (after the specification's default of one catch-all rule). */
  ruleCount: number;
}

export interface RouteKind<Route extends RouteObject, Rule> extends RouteKindInfo {
  readonly kind: RouteKindName;
  routesOf(snapshot: ClusterSnapshot): readonly Route[];
  /** The route's hostnames; undefined for kinds without any (TCPRoute, UDPRoute), which take the listener's. */
  hostnamesOf(route: Route): string[] | undefined;
  compile(route: Route, index: SnapshotIndex): CompiledRoute<Rule>;
}
