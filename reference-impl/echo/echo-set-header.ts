// `X-Echo-Set-Header: Name: value, Other: value` asks the echo server to put those headers on its
// response; conformance tests use it to check response-header filters.

/** Returns the response headers requested by every X-Echo-Set-Header value, names kept as written. */
export function requestedResponseHeaders(values: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const list of values) {
    for (const item of list.split(',')) {
      const trimmed = item.trim();
      const colon = trimmed.indexOf(':');
      const name = colon === -1 ? trimmed : trimmed.slice(0, colon);
      const value = colon === -1 ? '' : trimmed.slice(colon + 1).trim();
      if (name === '') continue;
      const previous = out.get(name);
      // A repeated name is joined with a comma, as the upstream server does.
      out.set(name, previous === undefined ? value : `${previous},${value}`);
    }
  }
  return out;
}
