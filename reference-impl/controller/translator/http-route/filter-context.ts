// What every HTTPRoute filter compiler gets: where the filter is (for messages), the rule's matches (a
// ReplacePrefixMatch needs its PathPrefix), the route as a referrer of backends (a RequestMirror resolves
// one), the snapshot's lookup tables, and the rule's issue collector.
import type { BackendReferrer } from '../backend-resolution.ts';
import type { RuleIssues } from '../rule-issues.ts';
import type { HTTPRouteMatch } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';

export interface FilterContext {
  /** The filter's path in the route, e.g. `rules[0].filters[1]` or `rules[0].backendRefs[1].filters[0]`. */
  where: string;
  /** The rule's matches, after the specification's defaults. */
  matches: HTTPRouteMatch[];
  referrer: BackendReferrer;
  index: SnapshotIndex;
  issues: RuleIssues;
}
