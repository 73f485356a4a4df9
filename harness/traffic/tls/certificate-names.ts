// The DNS names of a server certificate, and the `tls.certificate.dnsNames` expectation of https: and tls: cases:
// exactly these names, in any order, case-insensitive (DNS names are).

/** DNS entries of `subjectaltname` as Node gives it: `DNS:a.example.com, IP Address:127.0.0.1, URI:...`. */
export function dnsNamesOf(subjectaltname: string | undefined): string[] {
  return (subjectaltname ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
}

export function sameDnsNames(expected: readonly string[], actual: readonly string[]): boolean {
  const normalise = (names: readonly string[]) => [...new Set(names.map((name) => name.toLowerCase()))].sort().join(',');
  return normalise(expected) === normalise(actual);
}
