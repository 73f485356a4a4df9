// One BackendTLSPolicy on its own: what TLS it asks the proxy to speak to the backends it targets, and the
// Accepted and ResolvedRefs conditions that follow from its own fields (conflicts with other policies are
// policy-precedence.ts's). Trust comes from caCertificateRefs (ConfigMaps, or Secrets here, holding ca.crt) or
// the well-known "System" set; a reference that does not resolve is InvalidKind (a kind that holds no bundle)
// or InvalidCACertificateRef, and a policy none of whose references resolves is not accepted
// (NoValidCACertificate) and makes its backends answer 5xx instead of falling back to trusting anything.
import type { BackendTlsIR } from '../../../ir/gateway-ir.ts';
import { type CaHoldingObjects, resolveCaCertificateRef } from '../ca-certificate-refs.ts';
import { PolicyConditionType, PolicyReason } from '../condition-names.ts';
import { type DesiredCondition, falseCondition, trueCondition } from '../conditions.ts';
import { objectKey } from '../snapshot.ts';
import type { BackendTLSPolicyObject } from './backend-tls-policy-object.ts';

export const BACKEND_TLS_POLICY_KIND = 'BackendTLSPolicy';
/** The one wellKnownCACertificates value this implementation knows: the proxy's default trust store. */
export const SYSTEM_CA_CERTIFICATES = 'System';

export interface ResolvedPolicy {
  object: BackendTLSPolicyObject;
  /** `<namespace>/<name>`. */
  key: string;
  /** What the proxy speaks to targeted backends; undefined when the policy cannot be honoured (they answer 5xx). */
  tls: BackendTlsIR | undefined;
  /** Why `tls` is undefined, for the backends' 5xx answer. */
  unusable?: string;
  accepted: DesiredCondition;
  resolvedRefs: DesiredCondition;
}

export function resolvePolicy(object: BackendTLSPolicyObject, index: CaHoldingObjects): ResolvedPolicy {
  const key = objectKey(object.metadata);
  const namespace = object.metadata.namespace ?? '';
  const validation = object.spec.validation;
  const refs = validation.caCertificateRefs ?? [];
  const wellKnown = validation.wellKnownCACertificates ?? '';
  const resolvedRefsTrue = trueCondition(PolicyConditionType.ResolvedRefs, PolicyReason.ResolvedRefs, 'all references are resolved');
  const invalid = (message: string): ResolvedPolicy => ({
    object,
    key,
    tls: undefined,
    unusable: `BackendTLSPolicy ${key} is not accepted: ${message}`,
    accepted: falseCondition(PolicyConditionType.Accepted, PolicyReason.Invalid, message),
    resolvedRefs: resolvedRefsTrue,
  });

  const subjectAltNames: NonNullable<BackendTlsIR['subjectAltNames']> = [];
  for (const [position, san] of (validation.subjectAltNames ?? []).entries()) {
    if (san.type === 'Hostname' && san.hostname) subjectAltNames.push({ type: 'Hostname', value: san.hostname.toLowerCase() });
    else if (san.type === 'URI' && san.uri) subjectAltNames.push({ type: 'URI', value: san.uri });
    else return invalid(`validation.subjectAltNames[${position}] must be {type: Hostname, hostname} or {type: URI, uri}`);
  }
  const base = { serverName: validation.hostname.toLowerCase(), ...(subjectAltNames.length > 0 ? { subjectAltNames } : {}) };
  if (refs.length > 0 && wellKnown !== '') return invalid('validation names both caCertificateRefs and wellKnownCACertificates; keep one');
  if (refs.length === 0) {
    if (wellKnown === SYSTEM_CA_CERTIFICATES) return { object, key, tls: base, accepted: acceptedTrue(), resolvedRefs: resolvedRefsTrue };
    if (wellKnown === '') return invalid('validation names neither caCertificateRefs nor wellKnownCACertificates; add one');
    return invalid(`validation.wellKnownCACertificates "${wellKnown}" is not supported (only ${SYSTEM_CA_CERTIFICATES})`);
  }

  const bundles: string[] = [];
  const problems: { reason: PolicyReason; message: string }[] = [];
  refs.forEach((ref, position) => {
    const outcome = resolveCaCertificateRef(ref, { kind: BACKEND_TLS_POLICY_KIND, namespace }, index);
    if (outcome.ok) bundles.push(outcome.pem);
    else {
      const reason = outcome.failure === 'unsupported-kind' ? PolicyReason.InvalidKind : PolicyReason.InvalidCACertificateRef;
      problems.push({ reason, message: `validation.caCertificateRefs[${position}] ${outcome.message}` });
    }
  });
  const [first] = problems;
  const message = problems.map((problem) => problem.message).join('; ');
  const resolvedRefs = first ? falseCondition(PolicyConditionType.ResolvedRefs, first.reason, message) : resolvedRefsTrue;
  if (bundles.length === 0) {
    return {
      object,
      key,
      tls: undefined,
      unusable: `BackendTLSPolicy ${key} has no valid CA certificate (${message})`,
      accepted: falseCondition(PolicyConditionType.Accepted, PolicyReason.NoValidCACertificate, `none of the caCertificateRefs resolved: ${message}`),
      resolvedRefs,
    };
  }
  return { object, key, tls: { ...base, caCertificates: bundles.join('') }, accepted: acceptedTrue(), resolvedRefs };
}

function acceptedTrue(): DesiredCondition {
  return trueCondition(PolicyConditionType.Accepted, PolicyReason.Accepted, 'the policy is accepted');
}
