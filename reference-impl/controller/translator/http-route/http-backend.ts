// An HTTPRoute's reference to a Service port as an IR backend. The Service port's appProtocol says how the
// proxy speaks to it: none or `http` is HTTP/1.1, `kubernetes.io/h2c` is HTTP/2 without TLS, and
// `kubernetes.io/ws` is WebSocket; any other (`https`, `kubernetes.io/wss`, ...) needs what this proxy does
// not do, so the backend is invalid with ResolvedRefs UnsupportedProtocol, as the specification says. A
// backend that does not resolve keeps its weight: its share of requests is answered 500.
import type { BackendIR, ServiceBackendIR } from '../../../ir/gateway-ir.ts';
import { type BackendReferrer, type RefFailure, resolveServiceRef } from '../backend-resolution.ts';
import { RouteReason } from '../condition-names.ts';
import type { RuleIssues } from '../rule-issues.ts';
import type { BackendObjectReference } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';

const PROTOCOL_BY_APP_PROTOCOL: Record<string, ServiceBackendIR['protocol']> = {
  http: 'http',
  'kubernetes.io/h2c': 'h2c',
  'kubernetes.io/ws': 'websocket',
};

export interface BackendContext {
  /** Where the reference is in the route (`rules[0].backendRefs[1]`), to say so in the status message. */
  where: string;
  referrer: BackendReferrer;
  index: SnapshotIndex;
  issues: RuleIssues;
}

export function resolveHttpBackend(ref: BackendObjectReference, weight: number, context: BackendContext): BackendIR {
  const resolution = resolveServiceRef(ref, context.referrer, context.index);
  if (!resolution.ok) return invalidBackend(resolution.label, weight, locate(resolution.failure, context.where), context.issues);
  const appProtocol = resolution.service.port.appProtocol;
  // IANA service names (`http`) are case-insensitive; domain-prefixed ones are compared as written.
  const protocol = appProtocol === undefined ? 'http' : PROTOCOL_BY_APP_PROTOCOL[appProtocol.includes('/') ? appProtocol : appProtocol.toLowerCase()];
  if (!protocol) {
    const failure = {
      reason: RouteReason.UnsupportedProtocol,
      message: `${context.where}: Service port ${resolution.label} has appProtocol "${appProtocol}"; HTTPRoutes reach backends over http, kubernetes.io/h2c or kubernetes.io/ws`,
    };
    return invalidBackend(resolution.label, weight, failure, context.issues);
  }
  return { kind: 'service', name: resolution.label, weight, protocol, filters: [], endpoints: resolution.service.endpoints };
}

function locate(failure: RefFailure, where: string): RefFailure {
  return { reason: failure.reason, message: `${where}: ${failure.message}` };
}

function invalidBackend(name: string, weight: number, failure: RefFailure, issues: RuleIssues): BackendIR {
  issues.unresolved(failure);
  return { kind: 'invalid', name, weight, reason: `${failure.reason}: ${failure.message}` };
}
