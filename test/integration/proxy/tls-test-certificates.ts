// A CA and serving certificates it signs, for the proxy's HTTPS tests (EC keys: quick to make).
import { generate } from 'selfsigned';

export interface KeyPair {
  certificate: string;
  privateKey: string;
}

const validity = () => ({ notBeforeDate: new Date(Date.now() - 60_000), notAfterDate: new Date(Date.now() + 24 * 3600_000) });

export async function makeCa(): Promise<KeyPair> {
  const ca = await generate([{ name: 'commonName', value: 'proxy-test-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { certificate: ca.cert, privateKey: ca.private };
}

/** A serving certificate for `dnsNames`, signed by `ca`. */
export async function makeServingCertificate(ca: KeyPair, dnsNames: readonly string[]): Promise<KeyPair> {
  const leaf = await generate([{ name: 'commonName', value: dnsNames[0] ?? 'server' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    ca: { cert: ca.certificate, key: ca.privateKey },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: dnsNames.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  return { certificate: leaf.cert, privateKey: leaf.private };
}
