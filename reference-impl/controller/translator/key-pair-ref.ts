// Resolves a reference to a certificate and its private key (a SecretObjectReference), as HTTPS listeners name
// their serving certificates and a Gateway its client certificate for backends: a core kubernetes.io/tls Secret
// whose contents make a usable, currently valid key pair. What goes wrong is told apart as the specification
// tells it apart: a reference into another namespace that no ReferenceGrant there allows (checked first: the
// other reasons are reserved for permitted references), and anything else (another kind, a missing Secret,
// unusable contents). The caller maps the two to its own condition reasons.
import { CORE_GROUP, GATEWAY_API_GROUP, GATEWAY_KIND, SECRET_KIND } from './gateway-api-names.ts';
import { referencePermitted } from './reference-grant.ts';
import type { SecretObjectReference } from './snapshot.ts';
import type { SnapshotIndex } from './snapshot-index.ts';
import { readTlsSecret, TLS_SECRET_TYPE, type TlsKeyPair } from './tls-secret-contents.ts';

export interface ResolvedKeyPair extends TlsKeyPair {
  /** `<namespace>/<name>` of the Secret. */
  secret: string;
}

export type KeyPairRefOutcome = ({ ok: true } & ResolvedKeyPair) | { ok: false; notPermitted: boolean; problem: string };

/**
 * A Gateway's reference (or a ListenerSet's: `referrerKind`): one without a namespace points at `gatewayNamespace`;
 * `now` (RFC 3339) judges validity dates.
 */
export function resolveKeyPairRef(ref: SecretObjectReference, gatewayNamespace: string, index: SnapshotIndex, now: string, referrerKind: string = GATEWAY_KIND): KeyPairRefOutcome {
  const group = ref.group ?? CORE_GROUP;
  const kind = ref.kind ?? SECRET_KIND;
  const namespace = ref.namespace ?? gatewayNamespace;
  const named = `${group === CORE_GROUP ? '' : `${group}/`}${kind} ${namespace}/${ref.name}`;
  const reference = { from: { group: GATEWAY_API_GROUP, kind: referrerKind, namespace: gatewayNamespace }, to: { group, kind, namespace, name: ref.name } };
  if (!referencePermitted(reference, index.referenceGrantsByNamespace.get(namespace))) {
    return {
      ok: false,
      notPermitted: true,
      problem: `${named} is in another namespace and no ReferenceGrant in ${namespace} allows ${referrerKind}s of ${gatewayNamespace} to reference it; add one there`,
    };
  }
  if ((group !== CORE_GROUP && group !== 'core') || kind !== SECRET_KIND) {
    return { ok: false, notPermitted: false, problem: `names ${named}; only core Secrets (group "", kind Secret) hold certificates here` };
  }
  const secret = index.secrets.get(`${namespace}/${ref.name}`);
  if (!secret) return { ok: false, notPermitted: false, problem: `${named} does not exist; create it (type ${TLS_SECRET_TYPE})` };
  const contents = readTlsSecret(secret, now);
  if (!contents.usable) return { ok: false, notPermitted: false, problem: `${named}: ${contents.problem}` };
  return { ok: true, secret: `${namespace}/${ref.name}`, ...contents.keyPair };
}
