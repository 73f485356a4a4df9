// Resolves the certificates of an HTTPS listener or a TLS listener in Terminate mode (tls.certificateRefs) to key pairs, or says why they do not
// resolve with the listener's ResolvedRefs reason: RefNotPermitted for a reference into another namespace
// that no ReferenceGrant there allows (checked first: the specification reserves InvalidCertificateRef for
// permitted references), InvalidCertificateRef for a reference to something other than a core Secret, to a
// Secret that does not exist, or to one whose contents are not a usable kubernetes.io/tls key pair.
// A listener with several refs serves those that resolve; it reports the others all the same.
import { type ListenerCertificateReason, ListenerReason } from './condition-names.ts';
import { CORE_GROUP, GATEWAY_API_GROUP, GATEWAY_KIND, SECRET_KIND } from './gateway-api-names.ts';
import { referencePermitted } from './reference-grant.ts';
import type { ListenerSpec, SecretObjectReference } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';
import { readTlsSecret, TLS_SECRET_TYPE, type TlsKeyPair } from './tls-secret-contents.ts';

/** Listener protocols whose TLS sessions the proxy terminates with the listener's certificates (TLS only in mode Terminate). */
export const TLS_TERMINATING_PROTOCOLS: readonly string[] = ['HTTPS', 'TLS'];

/** True for a listener whose TLS sessions the proxy terminates: HTTPS, and TLS unless its mode is Passthrough. */
export function terminatesTls(listener: ListenerSpec): boolean {
  if (!TLS_TERMINATING_PROTOCOLS.includes(listener.protocol)) return false;
  return listener.protocol !== 'TLS' || (listener.tls?.mode ?? 'Terminate') !== 'Passthrough';
}

export interface ResolvedCertificate extends TlsKeyPair {
  /** `<namespace>/<name>` of the Secret. */
  secret: string;
}

export interface CertificateProblem {
  reason: ListenerCertificateReason;
  message: string;
}

export interface ListenerCertificates {
  /** In certificateRefs order: the key pairs of the refs that resolved. */
  resolved: ResolvedCertificate[];
  /** Why one or more refs did not resolve (every one is named); undefined when all did. */
  problem?: CertificateProblem;
}

/** Undefined for a listener that terminates no TLS. `gatewayNamespace` is where a ref without a namespace points. */
export function resolveListenerCertificates(listener: ListenerSpec, gatewayNamespace: string, index: SnapshotIndex): ListenerCertificates | undefined {
  if (!terminatesTls(listener)) return undefined;
  const refs = listener.tls?.certificateRefs ?? [];
  if (refs.length === 0) {
    const message = `a listener of protocol ${listener.protocol} that terminates TLS needs tls.certificateRefs naming a ${TLS_SECRET_TYPE} Secret; add one`;
    return { resolved: [], problem: { reason: ListenerReason.InvalidCertificateRef, message } };
  }
  const resolved: ResolvedCertificate[] = [];
  const problems: CertificateProblem[] = [];
  refs.forEach((ref, position) => {
    const outcome = resolveRef(ref, gatewayNamespace, index);
    if ('problem' in outcome) problems.push({ reason: outcome.reason, message: `certificateRefs[${position}] ${outcome.problem}` });
    else resolved.push(outcome);
  });
  if (problems.length === 0) return { resolved };
  const reason = problems.some((problem) => problem.reason === ListenerReason.RefNotPermitted) ? ListenerReason.RefNotPermitted : ListenerReason.InvalidCertificateRef;
  return { resolved, problem: { reason, message: problems.map((problem) => problem.message).join('; ') } };
}

type RefOutcome = ResolvedCertificate | { reason: ListenerCertificateReason; problem: string };

function resolveRef(ref: SecretObjectReference, gatewayNamespace: string, index: SnapshotIndex): RefOutcome {
  const group = ref.group ?? CORE_GROUP;
  const kind = ref.kind ?? SECRET_KIND;
  const namespace = ref.namespace ?? gatewayNamespace;
  const named = `${group === CORE_GROUP ? '' : `${group}/`}${kind} ${namespace}/${ref.name}`;
  const reference = { from: { group: GATEWAY_API_GROUP, kind: GATEWAY_KIND, namespace: gatewayNamespace }, to: { group, kind, namespace, name: ref.name } };
  if (!referencePermitted(reference, index.referenceGrantsByNamespace.get(namespace))) {
    return {
      reason: ListenerReason.RefNotPermitted,
      problem: `${named} is in another namespace and no ReferenceGrant in ${namespace} allows Gateways of ${gatewayNamespace} to reference it; add one there`,
    };
  }
  if ((group !== CORE_GROUP && group !== 'core') || kind !== SECRET_KIND) {
    return { reason: ListenerReason.InvalidCertificateRef, problem: `names ${named}; only core Secrets (group "", kind Secret) hold certificates here` };
  }
  const secret = index.secrets.get(`${namespace}/${ref.name}`);
  if (!secret) return { reason: ListenerReason.InvalidCertificateRef, problem: `${named} does not exist; create it (type ${TLS_SECRET_TYPE})` };
  const contents = readTlsSecret(secret);
  if (!contents.usable) return { reason: ListenerReason.InvalidCertificateRef, problem: `${named}: ${contents.problem}` };
  return { secret: `${namespace}/${ref.name}`, ...contents.keyPair };
}
