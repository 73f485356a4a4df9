// RequestRedirect: the Location of the answer, from the filter's scheme, hostname, port and path and
// the request's own parts where the filter leaves them out. The port follows the specification: an
// omitted port is the scheme's well-known port when the filter sets a scheme, else the listener's
// port; 80 with http and 443 with https are left out of the Location. The query string is kept.

import type { RequestRedirectIR } from '../../ir/gateway-ir.ts';
import { compilePathModifier, type PathRewrite } from './path-modifier.ts';

export interface RedirectRequestParts {
  /** Host header (or absolute-form authority) as received; a port in it is dropped. */
  host: string;
  /** Path without the query string. */
  path: string;
  /** `?...` or empty. */
  query: string;
}

export type LocationBuilder = (request: RedirectRequestParts) => string;

const WELL_KNOWN_PORT = { http: 80, https: 443 } as const;

/** `example.com:8080` -> `example.com`; `[::1]:8080` -> `[::1]`. */
export function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/**
 * `listenerScheme` is the scheme the request came in with (the listener's protocol); `where` names the
 * filter in errors (an unusable path value throws InvalidPathModifierError).
 */
export function compileRedirect(redirect: RequestRedirectIR, listenerPort: number, listenerScheme: 'http' | 'https', where: string): LocationBuilder {
  const scheme = redirect.scheme ?? listenerScheme;
  const port = redirect.port ?? (redirect.scheme !== undefined ? WELL_KNOWN_PORT[redirect.scheme] : listenerPort);
  const portPart = port === WELL_KNOWN_PORT[scheme] ? '' : `:${port}`;
  const hostname = redirect.hostname;
  const rewritePath: PathRewrite | undefined = redirect.path === undefined ? undefined : compilePathModifier(redirect.path, `${where} path`);
  return (request) => {
    const host = hostname ?? hostWithoutPort(request.host);
    const path = rewritePath === undefined ? request.path : rewritePath(request.path);
    return `${scheme}://${host}${portPart}${path}${request.query}`;
  };
}
