// The serving certificate of the TLS benchmark (`--tls`): one self-signed RSA 2048 key pair, generated per run
// into a temporary folder (never committed), that nginx and the reference proxy both terminate, so the two pay
// for the same handshakes and the same record encryption.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export const BENCH_SERVER_NAME = 'bench.gauntlet.test';

export interface BenchCertificate {
  /** Holds cert.pem and key.pem. */
  dir: string;
  certificatePath: string;
  privateKeyPath: string;
  remove(): void;
}

export async function writeBenchCertificate(): Promise<BenchCertificate> {
  const now = new Date();
  const pair = await generate([{ name: 'commonName', value: BENCH_SERVER_NAME }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 24 * 3600 * 1000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: BENCH_SERVER_NAME }] }],
  });
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-bench-tls-'));
  const certificatePath = join(dir, 'cert.pem');
  const privateKeyPath = join(dir, 'key.pem');
  writeFileSync(certificatePath, pair.cert);
  writeFileSync(privateKeyPath, pair.private, { mode: 0o600 });
  return { dir, certificatePath, privateKeyPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
