// The HTTPRoute CORS filter as answers: the headers of a preflight answer (the proxy answers
// preflights itself) and the Access-Control-* headers added to an actual request's answer. An origin
// that is not allowed gets no CORS headers at all. `*` is sent only where the specification permits
// it: never together with allowCredentials, where the request's own origin, method or headers are
// echoed instead (and nothing is sent for exposeHeaders).

import type { CorsIR } from '../../ir/gateway-ir.ts';
import { compileOriginMatcher } from './cors-origin.ts';

export interface PreflightQuestion {
  origin: string;
  /** Access-Control-Request-Method. */
  method: string;
  /** Access-Control-Request-Headers, if sent. */
  headers: string | undefined;
}

export interface CorsPolicy {
  /** Flat header list for a preflight answer; undefined when the origin is not allowed. */
  preflight(question: PreflightQuestion): string[] | undefined;
  /** Headers for an actual request's answer; undefined when the origin is not allowed. */
  actual(origin: string): string[] | undefined;
}

/** The names `actual` sets: the upstream's own values of these are replaced, never duplicated. */
export const CORS_RESPONSE_HEADERS = new Set(['access-control-allow-origin', 'access-control-allow-credentials', 'access-control-expose-headers']);

/** Throws InvalidCorsOriginError for an unusable allowOrigins entry. */
export function compileCorsPolicy(cors: CorsIR, where: string): CorsPolicy {
  const allowed = compileOriginMatcher(cors.allowOrigins, where);
  const credentials = cors.allowCredentials;
  const anyOrigin = cors.allowOrigins.includes('*');
  const anyMethod = cors.allowMethods.includes('*');
  const anyHeader = cors.allowHeaders.includes('*');
  const anyExposed = cors.exposeHeaders.includes('*');
  const methods = cors.allowMethods.join(', ');
  const headers = cors.allowHeaders.join(', ');
  const exposed = cors.exposeHeaders.join(', ');
  const maxAge = String(cors.maxAgeSeconds);

  function common(origin: string): string[] {
    // With credentials the answer names the one origin; so it varies with Origin.
    const out = anyOrigin && !credentials ? ['access-control-allow-origin', '*'] : ['access-control-allow-origin', origin, 'vary', 'Origin'];
    if (credentials) out.push('access-control-allow-credentials', 'true');
    if (anyExposed) {
      if (!credentials) out.push('access-control-expose-headers', '*');
    } else if (exposed !== '') {
      out.push('access-control-expose-headers', exposed);
    }
    return out;
  }

  return {
    preflight(question) {
      if (!allowed(question.origin)) return undefined;
      const out = common(question.origin);
      const allowMethods = anyMethod ? (credentials ? question.method : '*') : methods;
      if (allowMethods !== '') out.push('access-control-allow-methods', allowMethods);
      const allowHeaders = anyHeader ? (credentials ? (question.headers ?? '') : '*') : headers;
      if (allowHeaders !== '') out.push('access-control-allow-headers', allowHeaders);
      out.push('access-control-max-age', maxAge);
      return out;
    },
    actual(origin) {
      return allowed(origin) ? common(origin) : undefined;
    },
  };
}
