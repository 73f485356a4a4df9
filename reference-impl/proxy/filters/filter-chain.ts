// One list of HTTPRoute filters (a rule's, or a backendRef's) compiled once per IR version into the
// steps the request path runs. Request-side filters run in route order on the request being built
// (a mirror copies the request as the filters before it left it); ResponseHeaderModifiers and the
// CORS filter act on the answer whatever their position, since the answer comes after every
// request-side step. A filter that can never work (a header Node cannot send, an unusable path or
// origin) makes compilation throw with a message naming the filter.

import type { BackendIR, HttpFilterIR } from '../../ir/gateway-ir.ts';
import { type CorsPolicy, compileCorsPolicy } from './cors-policy.ts';
import { compileHeaderEdit, type HeaderEdit } from './header-edit.ts';
import type { MirrorFraction } from './mirror-fraction.ts';
import { compilePathModifier, type PathRewrite } from './path-modifier.ts';
import { checkedHostname } from './precise-hostname.ts';
import { compileRedirect, type LocationBuilder } from './redirect-location.ts';

export type RequestStep =
  | { kind: 'headers'; edit: HeaderEdit }
  | { kind: 'rewrite'; hostname: string | undefined; path: PathRewrite | undefined }
  | { kind: 'redirect'; location: LocationBuilder; statusCode: number }
  | { kind: 'mirror'; backend: BackendIR; fraction: MirrorFraction }
  | { kind: 'cors-preflight'; cors: CorsPolicy };

export interface FilterChain {
  requestSteps: RequestStep[];
  /** Applied to every answer given for this chain, in route order. */
  responseEdits: HeaderEdit[];
  /** Decorates answers to actual cross-origin requests. */
  cors: CorsPolicy | undefined;
}

export const EMPTY_CHAIN: FilterChain = { requestSteps: [], responseEdits: [], cors: undefined };

export interface ListenerContext {
  port: number;
  scheme: 'http' | 'https';
}

function compileStep(filter: HttpFilterIR, where: string, listener: ListenerContext, chain: FilterChain): void {
  switch (filter.type) {
    case 'RequestHeaderModifier':
      chain.requestSteps.push({ kind: 'headers', edit: compileHeaderEdit(filter, where) });
      return;
    case 'ResponseHeaderModifier':
      chain.responseEdits.push(compileHeaderEdit(filter, where));
      return;
    case 'URLRewrite':
      chain.requestSteps.push({
        kind: 'rewrite',
        hostname: checkedHostname(filter.hostname, where),
        path: filter.path === undefined ? undefined : compilePathModifier(filter.path, `${where} path`),
      });
      return;
    case 'RequestRedirect':
      checkedHostname(filter.hostname, where);
      chain.requestSteps.push({ kind: 'redirect', location: compileRedirect(filter, listener.port, listener.scheme, where), statusCode: filter.statusCode });
      return;
    case 'RequestMirror':
      chain.requestSteps.push({ kind: 'mirror', backend: filter.backend, fraction: filter.fraction });
      return;
    case 'CORS': {
      const cors = compileCorsPolicy(filter, where);
      chain.requestSteps.push({ kind: 'cors-preflight', cors });
      // The specification allows one CORS filter per list; the first one decorates answers.
      chain.cors ??= cors;
      return;
    }
  }
}

/** `where` prefixes error messages, e.g. `rule ns/r/rule/0/match/0 filters`. */
export function compileFilterChain(filters: readonly HttpFilterIR[], where: string, listener: ListenerContext): FilterChain {
  if (filters.length === 0) return EMPTY_CHAIN;
  const chain: FilterChain = { requestSteps: [], responseEdits: [], cors: undefined };
  filters.forEach((filter, i) => {
    compileStep(filter, `${where}[${i}] (${filter.type})`, listener, chain);
  });
  return chain;
}
