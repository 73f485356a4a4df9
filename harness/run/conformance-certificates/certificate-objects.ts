// The Secrets and ConfigMaps of one certificate group, freshly generated: a kubernetes.io/tls Secret per
// certificate (`tls.crt`, `tls.key`), and for a CA a ConfigMap holding its certificate (`ca.crt`) and, as
// upstream's setup does for its tests, its key (`key.crt`).
import type { KubeManifest } from '../../kube/manifest.ts';
import { type CertificatePem, generateCa, generateLeaf } from './certificate-pems.ts';
import type { CertificateFlaw, CertificateGroup, CertificateSecret, ObjectName } from './certificate-plan.ts';

export async function generateGroupObjects(group: CertificateGroup): Promise<KubeManifest[]> {
  if (group.kind === 'self-signed') return [tlsSecret(group.secret, await selfSignedPem(group.secret.hosts, group.secret.flaw))];
  const ca = await generateCa();
  const signed = await Promise.all(group.signs.map(async (secret) => tlsSecret(secret, await generateLeaf(secret.usage, hostsOf(secret), ca))));
  return [caConfigMap(group.configMap, ca), ...signed];
}

async function selfSignedPem(hosts: readonly string[], flaw: CertificateFlaw | undefined): Promise<CertificatePem> {
  if (flaw === 'expired') return generateLeaf('server', hosts, undefined, { expired: true });
  const served = await generateLeaf('server', hosts);
  if (flaw !== 'key-of-another-certificate') return served;
  const other = await generateLeaf('server', hosts);
  return { ...served, privateKey: other.privateKey, signingKey: other.signingKey };
}

/** Every object a group consists of, as kind and name. */
export function groupObjectNames(group: CertificateGroup): { kind: 'Secret' | 'ConfigMap'; name: ObjectName }[] {
  if (group.kind === 'self-signed') return [{ kind: 'Secret', name: group.secret }];
  return [{ kind: 'ConfigMap', name: group.configMap }, ...group.signs.map((secret) => ({ kind: 'Secret' as const, name: secret }))];
}

function hostsOf(secret: CertificateSecret): readonly string[] {
  return secret.usage === 'server' ? secret.hosts : [];
}

function tlsSecret(name: ObjectName, pem: CertificatePem): KubeManifest {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: name.name, namespace: name.namespace },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': base64(pem.certificate), 'tls.key': base64(pem.privateKey) },
  };
}

function caConfigMap(name: ObjectName, ca: CertificatePem): KubeManifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: name.name, namespace: name.namespace },
    data: { 'ca.crt': ca.certificate, 'key.crt': ca.privateKey },
  };
}

function base64(text: string): string {
  return Buffer.from(text).toString('base64');
}
