// Certificates for the project's TLS tests: a CA and the server or client certificates it signs (or
// self-signed ones, which no test CA vouches for). EC keys, quick to make; valid from a minute ago for a day.
import { generate } from 'selfsigned';

export interface KeyPair {
  certificate: string;
  privateKey: string;
}

export interface LeafOptions {
  usage: 'server' | 'client';
  /** subjectAltName DNS names; the first is also the common name unless one is given. */
  dnsNames?: readonly string[];
  /** subjectAltName URIs (a SPIFFE id, say). */
  uris?: readonly string[];
  commonName?: string;
}

const validity = () => ({ notBeforeDate: new Date(Date.now() - 60_000), notAfterDate: new Date(Date.now() + 24 * 3600_000) });

export async function makeTestCa(commonName: string): Promise<KeyPair> {
  const ca = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { certificate: ca.cert, privateKey: ca.private };
}

/** A certificate signed by `ca`; self-signed without one. */
export async function signTestCertificate(ca: KeyPair | undefined, options: LeafOptions): Promise<KeyPair> {
  const dnsNames = options.dnsNames ?? [];
  const altNames = [...dnsNames.map((value) => ({ type: 2 as const, value })), ...(options.uris ?? []).map((value) => ({ type: 6 as const, value }))];
  const leaf = await generate([{ name: 'commonName', value: options.commonName ?? dnsNames[0] ?? options.usage }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    ...(ca ? { ca: { cert: ca.certificate, key: ca.privateKey } } : {}),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', ...(options.usage === 'server' ? { serverAuth: true } : { clientAuth: true }) },
      ...(altNames.length > 0 ? [{ name: 'subjectAltName' as const, altNames }] : []),
    ],
  });
  return { certificate: leaf.cert, privateKey: leaf.private };
}
