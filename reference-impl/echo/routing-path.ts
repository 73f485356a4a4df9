// Upstream's echo routes on the request path with every '//' collapsed to '/' (so '//health' is the health
// endpoint) and the query left out; every listener of ours routes on the same path.

export function routingPath(url: string | undefined): string {
  const path = (url ?? '/').split('?', 1)[0] ?? '/';
  return path.replaceAll('//', '/');
}
