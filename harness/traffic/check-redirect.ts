// A redirect's Location, part by part, with the RequestRedirect filter's defaults for the parts a scenario
// leaves out (apis/v1 HTTPRequestRedirectFilter): scheme, hostname and path default to the request's; the
// port defaults to the scheme's well-known port when the scenario names a scheme, else to the listener port.
// A Location without a port means its scheme's well-known port (80 for http, 443 for https). Unlike
// upstream, the host is checked even when omitted: the request's Host is known here.
import type { RedirectExpectation } from '../scenario/scenario-types.ts';
import { headerValues, type Mismatch, mismatch } from './mismatch.ts';
import type { ProbeResponse } from './send-request.ts';

/** What the request looked like, for the defaults. */
export interface RedirectContext {
  scheme: 'http' | 'https';
  /** The Host header sent (a port in it is ignored). */
  host: string;
  listenerPort: number;
  /** The request target sent (its query is not part of the default). */
  path: string;
}

const wellKnownPorts: Record<string, number> = { http: 80, https: 443 };

function hostnameOf(host: string): string {
  return new URL(`http://${host}`).hostname;
}

export function checkRedirect(expect: RedirectExpectation, response: ProbeResponse, context: RedirectContext): Mismatch[] {
  const location = headerValues(response.headers, 'location')?.[0];
  if (location === undefined) return [mismatch('redirect', 'a Location header', '(absent)')];
  let url: URL;
  try {
    url = new URL(location, `${context.scheme}://${context.host}${context.path}`);
  } catch {
    return [mismatch('redirect', 'a Location URL', JSON.stringify(location))];
  }
  const scheme = url.protocol.replace(/:$/, '');
  const wantPath = expect.path ?? (context.path.split('?')[0] || '/');
  const want = {
    scheme: expect.scheme ?? context.scheme,
    host: expect.host ?? hostnameOf(context.host),
    // WHATWG URL drops a port equal to the scheme's default, so an empty port is the well-known one.
    port: String(expect.port ?? (expect.scheme === undefined ? context.listenerPort : wellKnownPorts[expect.scheme])),
    path: wantPath,
  };
  const got = { scheme, host: url.hostname, port: url.port === '' ? String(wellKnownPorts[scheme] ?? '(none)') : url.port, path: wantPath.includes('?') ? `${url.pathname}${url.search}` : url.pathname };
  const where = ` (Location ${JSON.stringify(location)})`;
  return (['scheme', 'host', 'port', 'path'] as const).flatMap((part) => (want[part] === got[part] ? [] : [mismatch(`redirect ${part}`, JSON.stringify(want[part]), `${JSON.stringify(got[part])}${where}`)]));
}
