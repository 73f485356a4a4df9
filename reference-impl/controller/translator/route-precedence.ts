// Gateway API match precedence across all routes sharing a hostname: exact path, then the longest
// prefix, then a method, then more headers, then more query params; ties go to the oldest route,
// then to namespace/name in alphabetical order, then to rule and match order within the route.
// GRPCRoute rules rank as the GRPCRoute documentation orders them: more characters of the matching service,
// then of the method, then more header matches, with the same tie-breakers. They come before the HTTPRoute
// rules of a host: they only match gRPC calls, which an HTTPRoute rule would otherwise take.
import type { CompiledRule } from './http-route/http-rule-compiler.ts';

const PATH_TYPE_RANK = { Exact: 3, PathPrefix: 2, RegularExpression: 1 } as const;

export function compareRulePrecedence(a: CompiledRule, b: CompiledRule): number {
  const matchA = a.rule.match;
  const matchB = b.rule.match;
  if (a.grpcRank !== undefined || b.grpcRank !== undefined) {
    if (a.grpcRank === undefined || b.grpcRank === undefined) return a.grpcRank === undefined ? 1 : -1;
    return (
      b.grpcRank.serviceChars - a.grpcRank.serviceChars ||
      b.grpcRank.methodChars - a.grpcRank.methodChars ||
      b.grpcRank.headers - a.grpcRank.headers ||
      tieBreak(a, b)
    );
  }
  return (
    PATH_TYPE_RANK[matchB.path.type] - PATH_TYPE_RANK[matchA.path.type] ||
    matchB.path.value.length - matchA.path.value.length ||
    Number(matchB.method !== undefined) - Number(matchA.method !== undefined) ||
    matchB.headers.length - matchA.headers.length ||
    matchB.queryParams.length - matchA.queryParams.length ||
    tieBreak(a, b)
  );
}

/** Across routes the oldest, then namespace/name; within a route, rule then match order. */
function tieBreak(a: CompiledRule, b: CompiledRule): number {
  return (
    compareTimestamps(a.route.creationTimestamp, b.route.creationTimestamp) ||
    compareText(`${a.route.namespace}/${a.route.name}`, `${b.route.namespace}/${b.route.name}`) ||
    a.ruleIndex - b.ruleIndex ||
    a.matchIndex - b.matchIndex
  );
}

function compareTimestamps(a: string, b: string): number {
  const timeA = Date.parse(a);
  const timeB = Date.parse(b);
  // An unknown creation time sorts last: it cannot claim to be older.
  if (Number.isNaN(timeA) || Number.isNaN(timeB)) return Number(Number.isNaN(timeA)) - Number(Number.isNaN(timeB));
  return timeA - timeB;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
