// The client certificate a Gateway presents to the backends it speaks TLS to (spec.tls.backend.clientCertificateRef),
// resolved like a listener's certificate (key-pair-ref.ts). A reference that does not resolve leaves the Gateway
// accepted and serving: its backends then get TLS without a client certificate, and the Gateway's ResolvedRefs
// condition says why (RefNotPermitted, else InvalidClientCertificateRef), as the specification asks.
import { GatewayReason } from './condition-names.ts';
import { type ResolvedKeyPair, resolveKeyPairRef } from './key-pair-ref.ts';
import type { GatewayObject } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

export type BackendClientCertificate =
  | { ok: true; keyPair: ResolvedKeyPair }
  | { ok: false; reason: typeof GatewayReason.RefNotPermitted | typeof GatewayReason.InvalidClientCertificateRef; message: string };

/** Undefined when the Gateway names no backend client certificate. */
export function resolveBackendClientCertificate(gateway: GatewayObject, index: SnapshotIndex, now: string): BackendClientCertificate | undefined {
  const ref = gateway.spec.tls?.backend?.clientCertificateRef;
  if (ref === undefined) return undefined;
  const outcome = resolveKeyPairRef(ref, gateway.metadata.namespace ?? '', index, now);
  if (outcome.ok) return { ok: true, keyPair: { secret: outcome.secret, certificateChain: outcome.certificateChain, privateKey: outcome.privateKey } };
  const reason = outcome.notPermitted ? GatewayReason.RefNotPermitted : GatewayReason.InvalidClientCertificateRef;
  return { ok: false, reason, message: `spec.tls.backend.clientCertificateRef ${outcome.problem}` };
}
