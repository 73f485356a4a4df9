// PEMs for the conformance certificates, made as upstream's conformance setup makes them: RSA 2048 keys written
// as PKCS#1 ("RSA PRIVATE KEY"), valid for a year; a CA (certificate signing, serverAuth and clientAuth), serving
// certificates (serverAuth, the hosts as subjectAltNames) and client certificates (clientAuth, no names).
import { createPrivateKey } from 'node:crypto';
import { generate } from 'selfsigned';
import { subjectAltNames } from './subject-alt-names.ts';

export interface CertificatePem {
  certificate: string;
  /** PKCS#1, as upstream writes keys into its Secrets and CA ConfigMaps. */
  privateKey: string;
  /** The same key as PKCS#8, which signing with selfsigned takes. */
  signingKey: string;
}

const VALIDITY_MS = 365 * 24 * 3600 * 1000;
const LEAF_SUBJECT = [
  { name: 'commonName', value: 'default' },
  { name: 'organizationName', value: 'Acme Co' },
];
const CA_SUBJECT = [
  { name: 'commonName', value: 'gatewayapi' },
  { name: 'organizationName', value: 'Kubernetes Gateway API' },
  { name: 'countryName', value: 'US' },
];

const rsaOptions = () => {
  const now = new Date();
  return { keyType: 'rsa' as const, keySize: 2048, algorithm: 'sha256', notBeforeDate: now, notAfterDate: new Date(now.getTime() + VALIDITY_MS) };
};

export async function generateCa(): Promise<CertificatePem> {
  const generated = await generate(CA_SUBJECT, {
    ...rsaOptions(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    ],
  });
  return pemOf(generated);
}

/** A serving certificate for `hosts`, or a client certificate; signed by `signer`, else self-signed. */
export async function generateLeaf(usage: 'server' | 'client', hosts: readonly string[], signer?: CertificatePem): Promise<CertificatePem> {
  const generated = await generate(LEAF_SUBJECT, {
    ...rsaOptions(),
    ...(signer ? { ca: { cert: signer.certificate, key: signer.signingKey } } : {}),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', ...(usage === 'server' ? { serverAuth: true } : { clientAuth: true }) },
      ...(hosts.length > 0 ? [{ name: 'subjectAltName' as const, altNames: subjectAltNames(hosts) }] : []),
    ],
  });
  return pemOf(generated);
}

function pemOf(generated: { cert: string; private: string }): CertificatePem {
  const privateKey = createPrivateKey(generated.private).export({ type: 'pkcs1', format: 'pem' }).toString();
  return { certificate: generated.cert, privateKey, signingKey: generated.private };
}
