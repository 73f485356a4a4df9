// A certificate's subjectAltName entries from host strings, sorted as upstream's conformance setup sorts them:
// an IP address is an IP entry; a DNS name (optionally under one leading `*.`) a DNS entry; anything else a URI
// entry. So `*` alone becomes the URI `*` (not a DNS wildcard) and `spiffe://abc.example.com/test-identity` a URI.
import { isIP } from 'node:net';

export type SubjectAltName = { type: 2 | 6; value: string } | { type: 7; ip: string };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function subjectAltNames(hosts: readonly string[]): SubjectAltName[] {
  return hosts.map((host) => {
    if (isIP(host) !== 0) return { type: 7, ip: host };
    if (isDnsName(host)) return { type: 2, value: host };
    return { type: 6, value: host };
  });
}

/** An RFC 1123 subdomain (as Kubernetes validates one), optionally behind one `*.`. */
export function isDnsName(host: string): boolean {
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => label.length <= 63 && DNS_LABEL.test(label));
}
