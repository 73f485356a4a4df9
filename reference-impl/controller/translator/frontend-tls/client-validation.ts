// Client certificate validation of an HTTPS listener (a Gateway's spec.tls.frontend): the per-port override for
// the listener's port when there is one, else the Gateway-wide default. Its caCertificateRefs are resolved to
// PEM bundles; a reference that does not resolve is reported with the specification's listener reason
// (InvalidCACertificateKind for a kind that holds no bundle, RefNotPermitted for a cross-namespace reference no
// ReferenceGrant allows, InvalidCACertificateRef otherwise), and a listener none of whose references resolves
// is not accepted (NoValidCACertificate): serving it without the validation it asks for would let in clients
// it means to keep out. An unknown mode is taken as AllowValidOnly, the stricter one.
import { type CaRefFailure, resolveCaCertificateRef } from '../ca-certificate-refs.ts';
import { type ListenerCaReason, ListenerReason } from '../condition-names.ts';
import { GATEWAY_KIND } from '../gateway-api-names.ts';
import type { FrontendTLSConfig, FrontendTLSValidation, ListenerSpec } from '../snapshot.ts';
import type { SnapshotIndex } from '../snapshot-index.ts';

export const FrontendValidationMode = { AllowValidOnly: 'AllowValidOnly', AllowInsecureFallback: 'AllowInsecureFallback' } as const;
export type FrontendValidationMode = (typeof FrontendValidationMode)[keyof typeof FrontendValidationMode];

export interface ListenerClientValidation {
  mode: FrontendValidationMode;
  /** The bundles of the references that resolved, in caCertificateRefs order. */
  caCertificates: { source: string; pem: string }[];
  /** Why one or more references did not resolve (each one named); undefined when all did. */
  problem?: { reason: ListenerCaReason; message: string };
}

const REASON_OF: Record<CaRefFailure, ListenerCaReason> = {
  'unsupported-kind': ListenerReason.InvalidCACertificateKind,
  'not-permitted': ListenerReason.RefNotPermitted,
  unusable: ListenerReason.InvalidCACertificateRef,
};

/** Undefined when the listener validates no client certificates (not HTTPS, or no validation configured for its port). */
export function resolveClientValidation(
  listener: ListenerSpec,
  frontend: FrontendTLSConfig | undefined,
  gatewayNamespace: string,
  index: SnapshotIndex,
): ListenerClientValidation | undefined {
  // HTTPS only: the IR carries client validation on HTTPS ports (TLS listeners of TLSRoutes take none yet).
  if (listener.protocol !== 'HTTPS' || frontend === undefined) return undefined;
  const perPort = frontend.perPort?.find((entry) => entry.port === listener.port);
  const { validation, where } = perPort
    ? { validation: perPort.tls?.validation, where: `spec.tls.frontend.perPort[port ${listener.port}]` }
    : { validation: frontend.default?.validation, where: 'spec.tls.frontend.default' };
  if (validation === undefined) return undefined;
  return resolveValidation(validation, where, gatewayNamespace, index);
}

function resolveValidation(validation: FrontendTLSValidation, where: string, gatewayNamespace: string, index: SnapshotIndex): ListenerClientValidation {
  const mode = validation.mode === FrontendValidationMode.AllowInsecureFallback ? FrontendValidationMode.AllowInsecureFallback : FrontendValidationMode.AllowValidOnly;
  const refs = validation.caCertificateRefs ?? [];
  if (refs.length === 0) {
    return { mode, caCertificates: [], problem: { reason: ListenerReason.InvalidCACertificateRef, message: `${where}.validation has no caCertificateRefs; name a ConfigMap holding ca.crt` } };
  }
  const caCertificates: ListenerClientValidation['caCertificates'] = [];
  const problems: { reason: ListenerCaReason; message: string }[] = [];
  refs.forEach((ref, position) => {
    const outcome = resolveCaCertificateRef(ref, { kind: GATEWAY_KIND, namespace: gatewayNamespace }, index);
    if (outcome.ok) caCertificates.push({ source: outcome.source, pem: outcome.pem });
    else problems.push({ reason: REASON_OF[outcome.failure], message: `${where}.validation.caCertificateRefs[${position}] ${outcome.message}` });
  });
  const [first] = problems;
  if (!first) return { mode, caCertificates };
  return { mode, caCertificates, problem: { reason: first.reason, message: problems.map((problem) => problem.message).join('; ') } };
}

/** Where the Gateway asks for AllowInsecureFallback (default or per port), for its InsecureFrontendValidationMode condition. */
export function insecureFallbackSettings(frontend: FrontendTLSConfig | undefined): string[] {
  if (frontend === undefined) return [];
  const settings: string[] = [];
  if (frontend.default?.validation?.mode === FrontendValidationMode.AllowInsecureFallback) settings.push('spec.tls.frontend.default');
  for (const entry of frontend.perPort ?? []) {
    if (entry.tls?.validation?.mode === FrontendValidationMode.AllowInsecureFallback) settings.push(`spec.tls.frontend.perPort[port ${entry.port}]`);
  }
  return settings;
}
