// Virtual hosts are matched on the bare host name: `Example.com:8080` and `example.com` are the same vhost.

export function normalizeHost(hostHeader: string): string {
  let host = hostHeader;
  if (host.startsWith('[')) {
    // IPv6 literal: the port, if any, follows the closing bracket.
    const end = host.indexOf(']');
    host = end === -1 ? host : host.slice(0, end + 1);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1) host = host.slice(0, colon);
  }
  // A fully qualified name with a trailing dot names the same host.
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.toLowerCase();
}
