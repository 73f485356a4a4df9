// Hostnames a filter writes into a request (URLRewrite) or a Location (RequestRedirect) must be
// plain DNS names, as the specification's PreciseHostname type requires: anything else could not
// be sent as a Host header or would change the meaning of the URL.

export class InvalidFilterHostnameError extends Error {
  readonly code = 'PROXY_INVALID_FILTER_HOSTNAME';
  constructor(where: string, hostname: string) {
    super(`${where}: hostname ${JSON.stringify(hostname)} is not a DNS name (letters, digits, '-' and '.'); fix the filter's hostname in the HTTPRoute`);
    this.name = 'InvalidFilterHostnameError';
  }
}

const DNS_NAME = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*$/;

/** Returns the hostname unchanged (undefined stays undefined); throws InvalidFilterHostnameError. */
export function checkedHostname(hostname: string | undefined, where: string): string | undefined {
  if (hostname !== undefined && (hostname.length > 253 || !DNS_NAME.test(hostname))) throw new InvalidFilterHostnameError(where, hostname);
  return hostname;
}
