// A GRPCRoute match as an HTTP match of the IR: a gRPC call is an HTTP/2 POST to `/<service>/<method>` with a
// content-type of application/grpc, so the proxy needs nothing new to route it. The method match becomes a path
// match (Exact when both names are given exactly, else an anchored regular expression; no method match is every
// path), the metadata matches become header matches, and every gRPC rule also requires a gRPC content-type, so
// that plain HTTP requests to the same host never reach a GRPCRoute's backends. What the GRPCRoute documentation
// ranks rules by (characters of the matching service, then method, then the number of header matches) is kept
// beside it in `rank`.
import type { HttpMatchIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import { compileMatch } from '../http-route/http-match.ts';
import type { RuleIssues } from '../rule-issues.ts';
import type { HTTPRouteMatch } from '../snapshot.ts';
import type { GRPCMethodMatch, GRPCRouteMatch } from './grpc-route-object.ts';

/** Regular expression of the gRPC content-types: application/grpc, optionally +format (proto, json) or parameters. */
export const GRPC_CONTENT_TYPE_PATTERN = 'application/grpc(?:[+;].*)?';

/** What GRPCRoute precedence compares, most significant first. Regular-expression names count no characters. */
export interface GrpcMatchRank {
  serviceChars: number;
  methodChars: number;
  headers: number;
}

export interface CompiledGrpcMatch {
  match: HttpMatchIR;
  rank: GrpcMatchRank;
  /** The same match as an HTTPRoute match, for the filter compilers shared with HTTPRoute. */
  asHttp: HTTPRouteMatch;
}

const METHOD_MATCH_TYPES = ['Exact', 'RegularExpression'];
/** One path segment: what a name matched by a regular expression or left out stands for. */
const ANY_NAME = '[^/]+';

export function compileGrpcMatch(match: GRPCRouteMatch, where: string, issues: RuleIssues): CompiledGrpcMatch {
  const path = methodPath(match.method, `${where}.method`, issues);
  const asHttp: HTTPRouteMatch = { path, ...(match.headers ? { headers: match.headers } : {}) };
  const compiled = compileMatch(asHttp, where, issues);
  const contentType = { type: 'RegularExpression' as const, name: 'content-type', value: GRPC_CONTENT_TYPE_PATTERN };
  const exact = (match.method?.type ?? 'Exact') === 'Exact';
  const rank = {
    serviceChars: exact ? (match.method?.service?.length ?? 0) : 0,
    methodChars: exact ? (match.method?.method?.length ?? 0) : 0,
    headers: compiled.headers.length,
  };
  return { match: { ...compiled, headers: [...compiled.headers, contentType] }, rank, asHttp };
}

/** The path the call's method match stands for. */
function methodPath(method: GRPCMethodMatch | undefined, where: string, issues: RuleIssues): { type: string; value: string } {
  if (method === undefined || (method.service === undefined && method.method === undefined)) {
    if (method !== undefined) issues.invalid(RouteReason.UnsupportedValue, `${where}: a method match needs at least one of service and method`);
    return { type: 'PathPrefix', value: '/' };
  }
  const type = method.type ?? 'Exact';
  if (!METHOD_MATCH_TYPES.includes(type)) {
    issues.invalid(RouteReason.UnsupportedValue, `${where}.type "${type}" is not supported (one of ${METHOD_MATCH_TYPES.join(', ')})`);
    return { type: 'PathPrefix', value: '/' };
  }
  if (type === 'Exact') {
    checkName(method.service, `${where}.service`, /^[A-Za-z_][A-Za-z_0-9]*(?:\.[A-Za-z_][A-Za-z_0-9]*)*$/, issues);
    checkName(method.method, `${where}.method`, /^[A-Za-z_][A-Za-z_0-9]*$/, issues);
    if (method.service !== undefined && method.method !== undefined) return { type: 'Exact', value: `/${method.service}/${method.method}` };
    const service = method.service === undefined ? ANY_NAME : escapeRegExp(method.service);
    const name = method.method === undefined ? ANY_NAME : escapeRegExp(method.method);
    return { type: 'RegularExpression', value: `/${service}/${name}` };
  }
  // Each name's expression must match the whole name: grouped, so that alternations stay inside their segment.
  const service = method.service === undefined ? ANY_NAME : `(?:${method.service})`;
  const name = method.method === undefined ? ANY_NAME : `(?:${method.method})`;
  return { type: 'RegularExpression', value: `/${service}/${name}` };
}

function checkName(name: string | undefined, where: string, pattern: RegExp, issues: RuleIssues): void {
  if (name !== undefined && !pattern.test(name)) issues.invalid(RouteReason.UnsupportedValue, `${where} "${name}" is not a valid gRPC name`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
