// Reads the CA certificate an https: request verifies the server against from the cluster: a data key of a
// Secret (base64, as the API returns it) or a ConfigMap. A Secret's default key is ca.crt when it has one,
// else tls.crt (a self-signed serving certificate is its own CA, as upstream's tests use it); a ConfigMap's
// is ca.crt. The object or key being absent, or the value holding no PEM certificate, is an error that says so.
import type { KubeClient } from '../../kube/kube-client.ts';
import type { CaSource } from '../../scenario/scenario-types.ts';

export class CertificateAuthorityError extends Error {
  readonly code = 'GAUNTLET_CA_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'CertificateAuthorityError';
  }
}

export async function readCertificateAuthority(kube: Pick<KubeClient, 'read'>, source: CaSource): Promise<string> {
  const named = `${source.kind} ${source.namespace}/${source.name}`;
  const object = (await kube.read({ apiVersion: 'v1', kind: source.kind, namespace: source.namespace, name: source.name })) as { data?: Record<string, string> } | undefined;
  if (object === undefined) throw new CertificateAuthorityError(`the CA's ${named} does not exist; create it or name another under ca:`);
  const data = object.data ?? {};
  const key = source.key ?? (source.kind === 'Secret' && data['ca.crt'] === undefined ? 'tls.crt' : 'ca.crt');
  const value = data[key];
  if (value === undefined) throw new CertificateAuthorityError(`${named} has no key ${key} (it has: ${Object.keys(data).join(', ') || 'none'}); name the key under ca.key`);
  const pem = source.kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value;
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CertificateAuthorityError(`${named} key ${key} holds no PEM certificate`);
  return pem;
}
