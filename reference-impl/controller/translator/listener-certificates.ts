// Resolves the certificates of an HTTPS listener or a TLS listener in Terminate mode (tls.certificateRefs) to key pairs, or says why they do not
// resolve with the listener's ResolvedRefs reason: RefNotPermitted for a reference into another namespace
// that no ReferenceGrant there allows (checked first: the specification reserves InvalidCertificateRef for
// permitted references), InvalidCertificateRef for a reference to something other than a core Secret, to a
// Secret that does not exist, or to one whose contents are not a usable kubernetes.io/tls key pair valid now
// (key-pair-ref.ts).
// A listener with several refs serves those that resolve; it reports the others all the same.
import { type ListenerCertificateReason, ListenerReason } from './condition-names.ts';
import { GATEWAY_KIND } from './gateway-api-names.ts';
import { type ResolvedKeyPair, resolveKeyPairRef } from './key-pair-ref.ts';
import type { ListenerSpec } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';
import { TLS_SECRET_TYPE } from './tls-secret-contents.ts';

/** Listener protocols whose TLS sessions the proxy terminates with the listener's certificates (TLS only in mode Terminate). */
export const TLS_TERMINATING_PROTOCOLS: readonly string[] = ['HTTPS', 'TLS'];

/** True for a listener whose TLS sessions the proxy terminates: HTTPS, and TLS unless its mode is Passthrough. */
export function terminatesTls(listener: ListenerSpec): boolean {
  if (!TLS_TERMINATING_PROTOCOLS.includes(listener.protocol)) return false;
  return listener.protocol !== 'TLS' || (listener.tls?.mode ?? 'Terminate') !== 'Passthrough';
}

export type ResolvedCertificate = ResolvedKeyPair;

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

/**
 * Undefined for a listener that terminates no TLS. `gatewayNamespace` is where a ref without a namespace points
 * (the ListenerSet's namespace for its listeners, whose ReferenceGrants must name `referrerKind` ListenerSet);
 * `now` judges the certificates' validity dates (an expired one does not resolve).
 */
export function resolveListenerCertificates(
  listener: ListenerSpec,
  gatewayNamespace: string,
  index: SnapshotIndex,
  now: string,
  referrerKind: string = GATEWAY_KIND,
): ListenerCertificates | undefined {
  if (!terminatesTls(listener)) return undefined;
  const refs = listener.tls?.certificateRefs ?? [];
  if (refs.length === 0) {
    const message = `a listener of protocol ${listener.protocol} that terminates TLS needs tls.certificateRefs naming a ${TLS_SECRET_TYPE} Secret; add one`;
    return { resolved: [], problem: { reason: ListenerReason.InvalidCertificateRef, message } };
  }
  const resolved: ResolvedCertificate[] = [];
  const problems: CertificateProblem[] = [];
  refs.forEach((ref, position) => {
    const outcome = resolveKeyPairRef(ref, gatewayNamespace, index, now, referrerKind);
    if (outcome.ok) resolved.push({ secret: outcome.secret, certificateChain: outcome.certificateChain, privateKey: outcome.privateKey });
    else problems.push({ reason: outcome.notPermitted ? ListenerReason.RefNotPermitted : ListenerReason.InvalidCertificateRef, message: `certificateRefs[${position}] ${outcome.problem}` });
  });
  if (problems.length === 0) return { resolved };
  const reason = problems.some((problem) => problem.reason === ListenerReason.RefNotPermitted) ? ListenerReason.RefNotPermitted : ListenerReason.InvalidCertificateRef;
  return { resolved, problem: { reason, message: problems.map((problem) => problem.message).join('; ') } };
}
