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

const DAY_MS = 24 * 3600 * 1000;
const VALIDITY_MS = 365 * DAY_MS;
const LEAF_SUBJECT = [
  { name: 'commonName', value: 'default' },
  { name: 'organizationName', value: 'Acme Co' },
];
const CA_SUBJECT = [
  { name: 'commonName', value: 'gatewayapi' },
  { name: 'organizationName', value: 'Kubernetes Gateway API' },
  { name: 'countryName', value: 'US' },
];

/** Valid for a year from now; `expired`: it was valid for a day that ended a day ago. */
const rsaOptions = (expired = false) => {
  const now = new Date();
  const from = expired ? new Date(now.getTime() - 2 * DAY_MS) : now;
  const to = expired ? new Date(now.getTime() - DAY_MS) : new Date(now.getTime() + VALIDITY_MS);
  return { keyType: 'rsa' as const, keySize: 2048, algorithm: 'sha256', notBeforeDate: from, notAfterDate: to };
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
export async function generateLeaf(usage: 'server' | 'client', hosts: readonly string[], signer?: CertificatePem, options: { expired?: boolean } = {}): Promise<CertificatePem> {
  const generated = await generate(LEAF_SUBJECT, {
    ...rsaOptions(options.expired),
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
