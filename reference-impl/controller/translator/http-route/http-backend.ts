// An HTTPRoute's reference to a Service port as an IR backend. The Service port's appProtocol says how the
// proxy speaks to it: none or `http` is HTTP/1.1, `kubernetes.io/h2c` is HTTP/2 without TLS, and
// `kubernetes.io/ws` is WebSocket. A BackendTLSPolicy targeting the port puts TLS under that (its `tls`), and
// makes `https` (HTTP/1.1 over TLS) and `kubernetes.io/wss` usable too; h2c is cleartext by definition, so a
// policy on an h2c port is a contradiction. Any other appProtocol needs what this proxy does not do, so the
// backend is invalid with ResolvedRefs UnsupportedProtocol, as the specification says. A policy that cannot be
// honoured (no valid CA certificate, ...) makes the backend answer 500 rather than skip verification; its own
// status says why. A backend that does not resolve keeps its weight: its share of requests is answered 500.
import type { BackendIR, ServiceBackendIR } from '../../../ir/gateway-ir.ts';
import { type BackendReferrer, type RefFailure, resolveServiceRef } from '../backend-resolution.ts';
import { RouteReason } from '../condition-names.ts';
import type { RuleIssues } from '../rule-issues.ts';
import type { BackendObjectReference } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';

const CLEARTEXT_PROTOCOLS: Record<string, ServiceBackendIR['protocol']> = {
  http: 'http',
  'kubernetes.io/h2c': 'h2c',
  'kubernetes.io/ws': 'websocket',
};

/** Under a BackendTLSPolicy: what is spoken over TLS. */
const TLS_PROTOCOLS: Record<string, 'http' | 'websocket'> = {
  http: 'http',
  https: 'http',
  'kubernetes.io/ws': 'websocket',
  'kubernetes.io/wss': 'websocket',
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
  const { key, port, endpoints } = resolution.service;
  const policy = context.index.backendTls.forServicePort(key, port.name ?? '');
  // IANA service names (`http`) are case-insensitive; domain-prefixed ones are compared as written.
  const appProtocol = port.appProtocol === undefined ? 'http' : port.appProtocol.includes('/') ? port.appProtocol : port.appProtocol.toLowerCase();
  const protocol = policy ? TLS_PROTOCOLS[appProtocol] : CLEARTEXT_PROTOCOLS[appProtocol];
  if (!protocol) {
    const failure = { reason: RouteReason.UnsupportedProtocol, message: `${context.where}: ${unsupportedMessage(resolution.label, port.appProtocol ?? '', policy?.key)}` };
    return invalidBackend(resolution.label, weight, failure, context.issues);
  }
  if (!policy) return { kind: 'service', name: resolution.label, weight, protocol, filters: [], endpoints };
  if (!policy.tls) return { kind: 'invalid', name: resolution.label, weight, reason: policy.unusable ?? `BackendTLSPolicy ${policy.key} cannot be used` };
  return { kind: 'service', name: resolution.label, weight, protocol, filters: [], endpoints, tls: policy.tls };
}

function unsupportedMessage(label: string, appProtocol: string, policy: string | undefined): string {
  if (policy) return `Service port ${label} has appProtocol "${appProtocol}" and BackendTLSPolicy ${policy} asks for TLS; over TLS HTTPRoutes speak http, https, kubernetes.io/ws or kubernetes.io/wss`;
  if (appProtocol.toLowerCase() === 'https' || appProtocol === 'kubernetes.io/wss') {
    return `Service port ${label} has appProtocol "${appProtocol}", which needs TLS; add a BackendTLSPolicy targeting the Service to say how to verify it`;
  }
  return `Service port ${label} has appProtocol "${appProtocol}"; HTTPRoutes reach backends over http, kubernetes.io/h2c or kubernetes.io/ws`;
}

function locate(failure: RefFailure, where: string): RefFailure {
  return { reason: failure.reason, message: `${where}: ${failure.message}` };
}

function invalidBackend(name: string, weight: number, failure: RefFailure, issues: RuleIssues): BackendIR {
  issues.unresolved(failure);
  return { kind: 'invalid', name, weight, reason: `${failure.reason}: ${failure.message}` };
}
