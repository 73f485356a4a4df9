// Origin matching for the HTTPRoute CORS filter. An allowed origin is `*` (every origin), or
// `scheme://host[:port]` whose host may be `*` (any host) or start with `*.` (one or more labels to
// the left, greedily: `https://*.bar.com` allows `https://www.bar.com` and `https://a.www.bar.com`,
// not `https://bar.com`). An omitted port is the scheme's default (80 for http, 443 for https), so
// `https://a.com` and `https://a.com:443` are the same origin. Schemes and hosts compare case-insensitively.

export class InvalidCorsOriginError extends Error {
  readonly code = 'PROXY_INVALID_CORS_ORIGIN';
  constructor(where: string, origin: string) {
    super(`${where}: allowed origin ${JSON.stringify(origin)} is not "*" or scheme://host[:port] with scheme http or https; fix the CORS filter's allowOrigins`);
    this.name = 'InvalidCorsOriginError';
  }
}

interface ParsedOrigin {
  scheme: 'http' | 'https';
  host: string;
  port: number;
}

const ORIGIN = /^(https?):\/\/([^/:?#[\]@\s]+)(?::(\d{1,5}))?$/i;
const DEFAULT_PORT = { http: 80, https: 443 } as const;

function parseOrigin(origin: string): ParsedOrigin | undefined {
  const m = ORIGIN.exec(origin);
  if (m === null) return undefined;
  const scheme = (m[1] ?? '').toLowerCase() as 'http' | 'https';
  const port = m[3] === undefined ? DEFAULT_PORT[scheme] : Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  return { scheme, host: (m[2] ?? '').toLowerCase(), port };
}

/** Tells whether a request's Origin header value is allowed. */
export type OriginMatcher = (origin: string) => boolean;

function compileOne(allowed: string, where: string): OriginMatcher {
  const pattern = parseOrigin(allowed);
  if (pattern === undefined) throw new InvalidCorsOriginError(where, allowed);
  const { scheme, host, port } = pattern;
  const sameSchemeAndPort = (o: ParsedOrigin): boolean => o.scheme === scheme && o.port === port;
  if (host === '*') return (origin) => matchesParsed(origin, sameSchemeAndPort);
  if (host.startsWith('*.')) {
    const suffix = host.slice(1);
    return (origin) => matchesParsed(origin, (o) => sameSchemeAndPort(o) && o.host.length > suffix.length && o.host.endsWith(suffix));
  }
  if (host.includes('*')) throw new InvalidCorsOriginError(where, allowed);
  return (origin) => matchesParsed(origin, (o) => sameSchemeAndPort(o) && o.host === host);
}

function matchesParsed(origin: string, test: (o: ParsedOrigin) => boolean): boolean {
  const parsed = parseOrigin(origin);
  return parsed !== undefined && test(parsed);
}

/** Throws InvalidCorsOriginError for an entry that is neither `*` nor an origin. */
export function compileOriginMatcher(allowOrigins: readonly string[], where: string): OriginMatcher {
  if (allowOrigins.includes('*')) return () => true;
  const matchers = allowOrigins.map((allowed) => compileOne(allowed, where));
  return (origin) => matchers.some((matches) => matches(origin));
}
