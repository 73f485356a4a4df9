// Resolves a reference to a CA certificate bundle, as client certificate validation (a Gateway's
// spec.tls.frontend) and BackendTLSPolicies name them: a core ConfigMap (the specification's Core support) or a
// core Secret (implementation-specific here), holding PEM certificates under `ca.crt`. What goes wrong is told
// apart the way both specifications tell it apart: a kind that cannot hold a bundle, a reference into another
// namespace no ReferenceGrant allows, and a bundle that is missing, empty or does not parse. Pure: no clock
// (a CA's validity dates are the TLS handshake's to judge).
import { X509Certificate } from 'node:crypto';
import { CORE_GROUP, GATEWAY_API_GROUP } from './gateway-api-names.ts';
import { referencePermitted } from './reference-grant.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

export const CA_CERTIFICATE_KEY = 'ca.crt';
const CA_HOLDING_KINDS = ['ConfigMap', 'Secret'];

/** The lookups a CA reference needs. */
export type CaHoldingObjects = Pick<SnapshotIndex, 'referenceGrantsByNamespace' | 'secrets' | 'configMaps'>;

export interface CaCertificateRef {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** Why a reference gives no bundle: an unsupported kind, a cross-namespace reference not granted, or no usable bundle. */
export type CaRefFailure = 'unsupported-kind' | 'not-permitted' | 'unusable';

export type CaRefOutcome = { ok: true; source: string; pem: string } | { ok: false; failure: CaRefFailure; message: string };

/** `from`: who refers (a ReferenceGrant names its kind), and the namespace a ref without one points at. */
export function resolveCaCertificateRef(ref: CaCertificateRef, from: { kind: string; namespace: string }, index: CaHoldingObjects): CaRefOutcome {
  const namespace = ref.namespace ?? from.namespace;
  const group = ref.group === 'core' ? CORE_GROUP : ref.group;
  const named = `${group === CORE_GROUP ? '' : `${group}/`}${ref.kind} ${namespace}/${ref.name}`;
  if (group !== CORE_GROUP || !CA_HOLDING_KINDS.includes(ref.kind)) {
    return { ok: false, failure: 'unsupported-kind', message: `names ${named}; CA certificates are read from core ConfigMaps or Secrets (key ${CA_CERTIFICATE_KEY})` };
  }
  const reference = { from: { group: GATEWAY_API_GROUP, kind: from.kind, namespace: from.namespace }, to: { group, kind: ref.kind, namespace, name: ref.name } };
  if (!referencePermitted(reference, index.referenceGrantsByNamespace.get(namespace))) {
    return {
      ok: false,
      failure: 'not-permitted',
      message: `${named} is in another namespace and no ReferenceGrant in ${namespace} allows ${from.kind}s of ${from.namespace} to reference it; add one there`,
    };
  }
  const text = ref.kind === 'ConfigMap' ? index.configMaps.get(`${namespace}/${ref.name}`)?.data?.[CA_CERTIFICATE_KEY] : secretText(index, namespace, ref.name);
  const exists = ref.kind === 'ConfigMap' ? index.configMaps.has(`${namespace}/${ref.name}`) : index.secrets.has(`${namespace}/${ref.name}`);
  if (!exists) return { ok: false, failure: 'unusable', message: `${named} does not exist; create it with the CA certificates under ${CA_CERTIFICATE_KEY}` };
  const bundle = readCaBundle(text);
  if (!bundle.usable) return { ok: false, failure: 'unusable', message: `${named}: ${bundle.problem}` };
  return { ok: true, source: `${namespace}/${ref.name}`, pem: bundle.pem };
}

function secretText(index: CaHoldingObjects, namespace: string, name: string): string | undefined {
  const value = index.secrets.get(`${namespace}/${name}`)?.data?.[CA_CERTIFICATE_KEY];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export type CaBundle = { usable: true; pem: string } | { usable: false; problem: string };

/** The PEM certificates of a bundle, each parsed; `problem` says what is wrong, to follow the object's name. */
export function readCaBundle(text: string | undefined): CaBundle {
  if (text === undefined) return { usable: false, problem: `${CA_CERTIFICATE_KEY} is missing` };
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return { usable: false, problem: `${CA_CERTIFICATE_KEY} holds no PEM certificate` };
  for (const [position, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return { usable: false, problem: `certificate ${position + 1} of ${CA_CERTIFICATE_KEY} does not parse (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  return { usable: true, pem: `${blocks.join('\n')}\n` };
}
