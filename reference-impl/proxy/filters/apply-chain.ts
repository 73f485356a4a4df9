// Runs a compiled filter chain on the request being built for the upstream, and decorates answers
// with the chain's response side. Pure apart from the random draw of mirror fractions.

import type { ServiceBackendIR } from '../../ir/gateway-ir.ts';
import type { RandomSource } from '../backend/choose-backend.ts';
import { CORS_RESPONSE_HEADERS, type PreflightQuestion } from './cors-policy.ts';
import type { FilterChain } from './filter-chain.ts';
import { shouldMirror } from './mirror-fraction.ts';

/** The request as it will leave for the upstream; filters edit it in place. */
export interface OutgoingRequest {
  method: string;
  /** Authority a redirect keeps when it names no hostname (Host, or the absolute-form authority). */
  host: string;
  /** Path without the query string. */
  path: string;
  /** `?...` or empty; filters never change it. */
  query: string;
  /** Flat [name, value, ...] list, hop-by-hop headers already removed. */
  headers: string[];
}

/** A copy of the request as it stood at a RequestMirror filter. */
export interface MirrorCopy {
  backend: ServiceBackendIR;
  method: string;
  target: string;
  headers: string[];
}

/** An answer the proxy gives itself (redirect, preflight); no body. */
export interface FilterAnswer {
  status: number;
  headers: string[];
  preflight: boolean;
}

export interface ChainContext {
  random: RandomSource;
  /** Set when the client's request is a CORS preflight. */
  preflight: PreflightQuestion | undefined;
  /** Mirror copies are appended here. */
  mirrors: MirrorCopy[];
}

function withHost(headers: readonly string[], host: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] ?? '';
    if (name.toLowerCase() !== 'host') out.push(name, headers[i + 1] ?? '');
  }
  out.push('host', host);
  return out;
}

/** Applies the chain's request steps in order; returns an answer when a filter answers itself. */
export function runRequestSteps(chain: FilterChain, request: OutgoingRequest, context: ChainContext): FilterAnswer | undefined {
  for (const step of chain.requestSteps) {
    switch (step.kind) {
      case 'headers':
        request.headers = step.edit(request.headers);
        break;
      case 'rewrite':
        if (step.hostname !== undefined) {
          request.host = step.hostname;
          request.headers = withHost(request.headers, step.hostname);
        }
        if (step.path !== undefined) request.path = step.path(request.path);
        break;
      case 'redirect':
        return { status: step.statusCode, headers: ['location', step.location(request), 'content-length', '0'], preflight: false };
      case 'mirror':
        // An invalid mirror backend sends no copy; the request itself is unaffected.
        if (step.backend.kind === 'service' && shouldMirror(step.fraction, context.random)) {
          context.mirrors.push({ backend: step.backend, method: request.method, target: request.path + request.query, headers: request.headers.slice() });
        }
        break;
      case 'cors-preflight':
        if (context.preflight !== undefined) {
          const allowed = step.cors.preflight(context.preflight);
          return { status: 204, headers: allowed ?? ['vary', 'Origin'], preflight: true };
        }
        break;
    }
  }
  return undefined;
}

function withoutCorsHeaders(headers: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] ?? '';
    if (!CORS_RESPONSE_HEADERS.has(name.toLowerCase())) out.push(name, headers[i + 1] ?? '');
  }
  return out;
}

/**
 * The chain's response side on an answer's headers: CORS headers for an allowed origin (not on a
 * preflight answer, which has its own), then the ResponseHeaderModifiers in order.
 */
export function decorateAnswer(headers: string[], chain: FilterChain, origin: string | undefined, preflight: boolean): string[] {
  let out = headers;
  if (chain.cors !== undefined && origin !== undefined && !preflight) {
    const cors = chain.cors.actual(origin);
    if (cors !== undefined) out = [...withoutCorsHeaders(out), ...cors];
  }
  for (const edit of chain.responseEdits) out = edit(out);
  return out;
}
