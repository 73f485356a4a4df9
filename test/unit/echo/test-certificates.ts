// Certificates for the echo's TLS tests: a CA, a server certificate it signed for the given DNS names,
// a client certificate it signed and one it did not; written as PEM files, as a pod's volume would hold them.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TestCertificates {
  dir: string;
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  strangerCertPem: string;
  strangerKeyPem: string;
  /** File paths of the CA, the server certificate and the server key in `dir`. */
  files: { ca: string; cert: string; key: string };
}

const validity = () => ({ notBeforeDate: new Date(Date.now() - 60_000), notAfterDate: new Date(Date.now() + 24 * 3600_000) });

export async function makeTestCertificates(serverNames: readonly string[]): Promise<TestCertificates> {
  const ca = await generate([{ name: 'commonName', value: 'echo-test-ca' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leaf = (commonName: string, extKeyUsage: { serverAuth?: boolean; clientAuth?: boolean }, signer?: { key: string; cert: string }) =>
    generate([{ name: 'commonName', value: commonName }], {
      keyType: 'ec',
      algorithm: 'sha256',
      ...validity(),
      ...(signer ? { ca: signer } : {}),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', ...extKeyUsage },
        ...(extKeyUsage.serverAuth ? [{ name: 'subjectAltName' as const, altNames: serverNames.map((value) => ({ type: 2 as const, value })) }] : []),
      ],
    });
  const signer = { key: ca.private, cert: ca.cert };
  const server = await leaf(serverNames[0] ?? 'server', { serverAuth: true }, signer);
  const client = await leaf('echo-test-client', { clientAuth: true }, signer);
  const stranger = await leaf('stranger', { clientAuth: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'echo-tls-'));
  const files = { ca: path.join(dir, 'ca'), cert: path.join(dir, 'crt'), key: path.join(dir, 'key') };
  writeFileSync(files.ca, ca.cert);
  writeFileSync(files.cert, server.cert);
  writeFileSync(files.key, server.private);
  return {
    dir,
    caPem: ca.cert,
    serverCertPem: server.cert,
    serverKeyPem: server.private,
    clientCertPem: client.cert,
    clientKeyPem: client.private,
    strangerCertPem: stranger.cert,
    strangerKeyPem: stranger.private,
    files,
  };
}
