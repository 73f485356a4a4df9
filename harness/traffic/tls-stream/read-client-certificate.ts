// Reads the client certificate a tls: case presents from a kubernetes.io/tls Secret in the cluster (tls.crt and
// tls.key, base64 as the API returns them). A missing Secret or key, or a value holding no PEM, is an error
// that says which; the key's contents never appear in a message.
import type { KubeClient } from '../../kube/kube-client.ts';
import type { ObjectRef } from '../../scenario/scenario-types.ts';

export class ClientCertificateError extends Error {
  readonly code = 'GAUNTLET_CLIENT_CERTIFICATE_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'ClientCertificateError';
  }
}

export async function readClientCertificate(kube: Pick<KubeClient, 'read'>, ref: ObjectRef): Promise<{ cert: string; key: string }> {
  const named = `Secret ${ref.namespace}/${ref.name}`;
  const secret = (await kube.read({ apiVersion: 'v1', kind: 'Secret', namespace: ref.namespace, name: ref.name })) as { data?: Record<string, string> } | undefined;
  if (secret === undefined) throw new ClientCertificateError(`the client certificate's ${named} does not exist; create it or name another under clientCertificate:`);
  const pem = (key: string, marker: RegExp): string => {
    const value = secret.data?.[key];
    if (value === undefined) throw new ClientCertificateError(`${named} has no key ${key}; a client certificate needs tls.crt and tls.key`);
    const text = Buffer.from(value, 'base64').toString('utf8');
    if (!marker.test(text)) throw new ClientCertificateError(`${named} key ${key} holds no PEM ${key === 'tls.crt' ? 'certificate' : 'private key'}`);
    return text;
  };
  return { cert: pem('tls.crt', /-----BEGIN CERTIFICATE-----/), key: pem('tls.key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/) };
}
