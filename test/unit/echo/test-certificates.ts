// Certificates for the echo's TLS tests: a CA, a server certificate it signed for the given DNS names,
// a client certificate it signed and one it did not; written as PEM files, as a pod's volume would hold them.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTestCa, signTestCertificate } from '../../support/test-certificate-authority.ts';

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

export async function makeTestCertificates(serverNames: readonly string[]): Promise<TestCertificates> {
  const ca = await makeTestCa('echo-test-ca');
  const server = await signTestCertificate(ca, { usage: 'server', dnsNames: serverNames });
  const client = await signTestCertificate(ca, { usage: 'client', commonName: 'echo-test-client' });
  const stranger = await signTestCertificate(undefined, { usage: 'client', commonName: 'stranger' });
  const dir = mkdtempSync(path.join(tmpdir(), 'echo-tls-'));
  const files = { ca: path.join(dir, 'ca'), cert: path.join(dir, 'crt'), key: path.join(dir, 'key') };
  writeFileSync(files.ca, ca.certificate);
  writeFileSync(files.cert, server.certificate);
  writeFileSync(files.key, server.privateKey);
  return {
    dir,
    caPem: ca.certificate,
    serverCertPem: server.certificate,
    serverKeyPem: server.privateKey,
    clientCertPem: client.certificate,
    clientKeyPem: client.privateKey,
    strangerCertPem: stranger.certificate,
    strangerKeyPem: stranger.privateKey,
    files,
  };
}
