// What a kubernetes.io/tls Secret holds, checked: `tls.crt` (a PEM certificate, possibly followed by the
// intermediates of its chain) and `tls.key` (the PEM private key of that certificate). The proxy cannot serve
// a certificate the controller let through broken, so everything a TLS handshake needs is checked here,
// with a message saying what is wrong. Pure: no I/O and no clock of its own. Validity dates are judged against
// the `now` the caller passes (the snapshot's), so a serving certificate that has expired, or is not valid
// yet, is refused like any other unusable one: a client would refuse it anyway, and a condition saying why is
// more use to its owner than handshakes failing. (An expiry between two translations shows at the next one.)
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { SecretObject } from './snapshot.ts';

/** The Secret type a listener's certificate must have (the specification's Core support). */
export const TLS_SECRET_TYPE = 'kubernetes.io/tls';
export const TLS_CERTIFICATE_KEY = 'tls.crt';
export const TLS_PRIVATE_KEY_KEY = 'tls.key';

export interface TlsKeyPair {
  /** PEM: the serving certificate first, then any intermediates, as the Secret holds them. */
  certificateChain: string;
  privateKey: string;
}

export type TlsSecretContents = { usable: true; keyPair: TlsKeyPair } | { usable: false; problem: string };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads and checks the key pair of a Secret; `problem` says what is wrong, to follow the Secret's name and a
 * colon. `now` is RFC 3339: the serving certificate must be valid at that moment. Messages never quote key material.
 */
export function readTlsSecret(secret: SecretObject, now: string): TlsSecretContents {
  if (secret.type !== TLS_SECRET_TYPE) return { usable: false, problem: `its type ${secret.type ?? 'Opaque'} is not ${TLS_SECRET_TYPE}` };
  const certificateChain = decoded(secret.data?.[TLS_CERTIFICATE_KEY]);
  const privateKey = decoded(secret.data?.[TLS_PRIVATE_KEY_KEY]);
  if (!certificateChain) return { usable: false, problem: `${TLS_CERTIFICATE_KEY} is missing` };
  if (!privateKey) return { usable: false, problem: `${TLS_PRIVATE_KEY_KEY} is missing` };
  const blocks = certificateChain.match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) return { usable: false, problem: `${TLS_CERTIFICATE_KEY} holds no PEM certificate` };
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(blocks[0] ?? '');
    for (const block of blocks.slice(1)) new X509Certificate(block);
  } catch (error) {
    return { usable: false, problem: `${TLS_CERTIFICATE_KEY} is not a valid certificate (${messageOf(error)})` };
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(privateKey);
  } catch (error) {
    return { usable: false, problem: `${TLS_PRIVATE_KEY_KEY} is not a valid private key (${messageOf(error)})` };
  }
  if (!leaf.checkPrivateKey(key)) return { usable: false, problem: `${TLS_PRIVATE_KEY_KEY} is not the private key of the certificate in ${TLS_CERTIFICATE_KEY}` };
  const validity = validityProblem(leaf, now);
  if (validity) return { usable: false, problem: validity };
  return { usable: true, keyPair: { certificateChain, privateKey } };
}

/** Why the certificate is not valid at `now` (expired, or not valid yet); undefined when it is. */
function validityProblem(certificate: X509Certificate, now: string): string | undefined {
  const at = Date.parse(now);
  if (Number.isNaN(at)) return undefined;
  if (certificate.validToDate.getTime() < at) {
    return `the certificate in ${TLS_CERTIFICATE_KEY} expired at ${certificate.validToDate.toISOString()} (now ${now}); renew it`;
  }
  if (certificate.validFromDate.getTime() > at) {
    return `the certificate in ${TLS_CERTIFICATE_KEY} is not valid before ${certificate.validFromDate.toISOString()} (now ${now})`;
  }
  return undefined;
}

/** Secret data is base64; undefined or empty decodes to ''. */
function decoded(value: string | undefined): string {
  return value ? Buffer.from(value, 'base64').toString('utf8') : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
