// Checks that a server certificate names the host a client meant, as Go's crypto/x509 (VerifyHostname) does,
// since upstream's conformance tests verify with Go: a DNS subjectAltName matches exactly or, when its first
// label is `*`, matches any single first label (so `*.org` covers `example.org`, which Node's own check refuses
// as too broad); an IP address matches IP subjectAltNames only; the common name is not consulted.
import { isIP } from 'node:net';
import type { PeerCertificate } from 'node:tls';

export class ServerIdentityError extends Error {
  readonly code = 'GAUNTLET_TLS_SERVER_IDENTITY';
  constructor(host: string, altNames: string) {
    super(`the server certificate is not valid for ${host} (its subjectAltNames: ${altNames || 'none'})`);
    this.name = 'ServerIdentityError';
  }
}

/** `subjectaltname` as Node gives it: `DNS:a.example.com, IP Address:127.0.0.1, URI:...`. */
function altNamesOf(subjectaltname: string | undefined): { dns: string[]; ips: string[] } {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const entry of (subjectaltname ?? '').split(/,\s*/)) {
    if (entry.startsWith('DNS:')) dns.push(entry.slice(4).toLowerCase());
    else if (entry.startsWith('IP Address:')) ips.push(entry.slice(11).toLowerCase());
  }
  return { dns, ips };
}

/** Go's matchHostnames: label by label, `*` standing for exactly one whole first label. */
export function dnsNameMatches(pattern: string, host: string): boolean {
  const trim = (name: string) => (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
  const patternLabels = trim(pattern).split('.');
  const hostLabels = trim(host).split('.');
  if (patternLabels.length !== hostLabels.length || patternLabels.some((label) => label === '')) return false;
  return patternLabels.every((label, index) => (index === 0 && label === '*' ? (hostLabels[0] ?? '') !== '' : label === hostLabels[index]));
}

/** A `checkServerIdentity` for tls.connect: undefined when the certificate names `host`. */
export function checkServerIdentity(host: string, certificate: PeerCertificate): Error | undefined {
  const { dns, ips } = altNamesOf(certificate.subjectaltname);
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  const valid = isIP(bare) !== 0 ? ips.includes(bare.toLowerCase()) : dns.some((pattern) => dnsNameMatches(pattern, bare));
  return valid ? undefined : new ServerIdentityError(host, certificate.subjectaltname ?? '');
}
