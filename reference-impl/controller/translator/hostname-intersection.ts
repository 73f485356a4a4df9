// Hostname intersection between a listener and a route (Gateway API): a wildcard `*.example.com`
// matches any name with at least one more label in front of `example.com`; an absent hostname
// matches everything. The intersection is the more specific of the two names.

/** Hostnames the route serves through the listener; `*` means any host. Empty: no intersection. */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: string[] | undefined): string[] {
  const routes = routeHostnames ?? [];
  if (!listenerHostname) return routes.length === 0 ? ['*'] : dedupe(routes.map(lower));
  const listener = lower(listenerHostname);
  if (routes.length === 0) return [listener];
  const result: string[] = [];
  for (const route of routes.map(lower)) {
    const common = intersectPair(listener, route);
    if (common !== undefined) result.push(common);
  }
  return dedupe(result);
}

function intersectPair(listener: string, route: string): string | undefined {
  if (listener === route) return listener;
  if (isWildcard(listener) && wildcardMatches(listener, route)) return route;
  if (isWildcard(route) && wildcardMatches(route, listener)) return listener;
  return undefined;
}

/** True when `name` (exact or wildcard) is covered by the wildcard `pattern`. */
export function wildcardMatches(pattern: string, name: string): boolean {
  const suffix = pattern.slice(1); // ".example.com"
  const nameBody = isWildcard(name) ? name.slice(1) : name;
  return nameBody.endsWith(suffix) && nameBody.length > suffix.length;
}

function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*.');
}

function lower(hostname: string): string {
  return hostname.toLowerCase();
}

function dedupe(values: string[]): string[] {
  return [...new Set(values)];
}
