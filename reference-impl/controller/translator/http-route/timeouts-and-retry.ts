// A rule's timeouts and retry policy. Durations are Gateway API durations (GEP-2257), parsed exactly; the zero
// duration disables a timeout, and goes into the IR as 0 (no limit at all, not even the proxy's own default),
// where an absent one leaves the proxy's defaults. backendRequest may not exceed a (non-zero) request timeout. Retry is only in the experimental channel's CRDs and is compiled when present:
// `attempts` counts retries, so the IR's attempts in all is one more; codes must be HTTP status codes from 400
// to 599. What the specification leaves to the implementation when a field is omitted is chosen here:
// one retry, 25 ms of backoff (the usual base interval of Envoy-based gateways).
import type { RetryIR, RouteRuleIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import { GATEWAY_DURATION_FORMAT, parseGatewayDuration } from '../gateway-duration.ts';
import type { RuleIssues } from '../rule-issues.ts';
import type { HTTPRouteRetry, HTTPRouteTimeouts } from '../snapshot.ts';

export const DEFAULT_RETRIES = 1;
export const DEFAULT_RETRY_BACKOFF_MS = 25;

export function compileTimeouts(timeouts: HTTPRouteTimeouts, where: string, issues: RuleIssues): RouteRuleIR['timeouts'] | undefined {
  const requestMs = duration(timeouts.request, `${where}.request`, issues);
  const backendRequestMs = duration(timeouts.backendRequest, `${where}.backendRequest`, issues);
  if (requestMs && backendRequestMs && backendRequestMs > requestMs) {
    issues.invalid(RouteReason.UnsupportedValue, `${where}: backendRequest ${timeouts.backendRequest} may not be longer than request ${timeouts.request}`);
  }
  if (requestMs === undefined && backendRequestMs === undefined) return undefined;
  return { ...(requestMs === undefined ? {} : { requestMs }), ...(backendRequestMs === undefined ? {} : { backendRequestMs }) };
}

export function compileRetry(retry: HTTPRouteRetry, where: string, issues: RuleIssues): RetryIR {
  const codes = [...new Set(retry.codes ?? [])];
  for (const code of codes) {
    if (!Number.isInteger(code) || code < 400 || code > 599) issues.invalid(RouteReason.UnsupportedValue, `${where}.codes: ${code} is not an HTTP status code from 400 to 599`);
  }
  const retries = retry.attempts ?? DEFAULT_RETRIES;
  if (!Number.isInteger(retries) || retries < 1) issues.invalid(RouteReason.UnsupportedValue, `${where}.attempts ${retry.attempts} must be a whole number, at least 1`);
  const backoffMs = retry.backoff === undefined ? DEFAULT_RETRY_BACKOFF_MS : (duration(retry.backoff, `${where}.backoff`, issues) ?? DEFAULT_RETRY_BACKOFF_MS);
  return { codes, attempts: retries + 1, backoffMs };
}

/** Milliseconds; undefined when absent or invalid (an invalid one is reported). */
function duration(text: string | undefined, where: string, issues: RuleIssues): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseGatewayDuration(text);
  if (ms === undefined) issues.invalid(RouteReason.UnsupportedValue, `${where} "${text}" is not ${GATEWAY_DURATION_FORMAT}`);
  return ms;
}
