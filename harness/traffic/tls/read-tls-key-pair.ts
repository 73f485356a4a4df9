// Reads a kubernetes.io/tls Secret from the cluster as PEM text: the certificate (tls.crt) and key (tls.key) an
// https: case presents as its client certificate, or whose certificate a backend must have been given. An
// absent Secret or key, or a value holding no PEM, is an error that says which.
import type { KubeClient } from '../../kube/kube-client.ts';
import type { ObjectRef, SourceLocation } from '../../scenario/scenario-types.ts';

export interface TlsKeyPairPem {
  certificate: string;
  privateKey: string;
}

export class TlsKeyPairError extends Error {
  readonly code = 'GAUNTLET_TLS_SECRET_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'TlsKeyPairError';
  }
}

export async function readTlsKeyPair(kube: Pick<KubeClient, 'read'>, ref: ObjectRef): Promise<TlsKeyPairPem> {
  const named = `Secret ${ref.namespace}/${ref.name}`;
  const secret = (await kube.read({ apiVersion: 'v1', kind: 'Secret', namespace: ref.namespace, name: ref.name })) as { data?: Record<string, string> } | undefined;
  if (secret === undefined) throw new TlsKeyPairError(`${named} does not exist; create it (type kubernetes.io/tls) or name another`);
  const decoded = (key: string): string => {
    const value = secret.data?.[key];
    if (value === undefined) throw new TlsKeyPairError(`${named} has no key ${key} (it has: ${Object.keys(secret.data ?? {}).join(', ') || 'none'})`);
    const pem = Buffer.from(value, 'base64').toString('utf8');
    if (!pem.includes('-----BEGIN')) throw new TlsKeyPairError(`${named} key ${key} holds no PEM`);
    return pem;
  };
  return { certificate: decoded('tls.crt'), privateKey: decoded('tls.key') };
}

/** `read` as the case's dependencies give it; a run that cannot read the cluster says so, naming the scenario line. */
export function readTlsKeyPairFor(read: ((ref: ObjectRef) => Promise<TlsKeyPairPem>) | undefined, ref: ObjectRef, source: SourceLocation): Promise<TlsKeyPairPem> {
  if (read === undefined) {
    return Promise.reject(new TlsKeyPairError(`${source.file}:${source.line}: names Secret ${ref.namespace}/${ref.name}, and this run cannot read objects from the cluster`));
  }
  return read(ref);
}
