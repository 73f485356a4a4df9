// Header rewriting between client and upstream: hop-by-hop headers belong to one connection and are
// dropped (RFC 9110 section 7.6.1), Host is kept as the client sent it (an h2c client's :authority
// becomes Host; an absolute-form target's authority replaces it, RFC 9112 section 3.2.2), X-Forwarded-For,
// -Proto and -Host are set from what the proxy saw, or extended from the client's own only when the client
// is a trusted forwarder (forwarded-trust.ts).

import type { IncomingHttpHeaders } from 'node:http';
import { type ForwardedTrust, TRUST_NO_ONE } from './forwarded-trust.ts';

/** Lower-case names of headers that belong to one connection, never forwarded. */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // The proxy's own server already answered any 100-continue; the upstream client cannot send it.
  'expect',
]);

/** Extra names listed in a Connection header are hop-by-hop too. */
function connectionListed(rawHeaders: readonly string[]): Set<string> | undefined {
  let listed: Set<string> | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] ?? '').toLowerCase() !== 'connection') continue;
    for (const token of (rawHeaders[i + 1] ?? '').split(',')) {
      const name = token.trim().toLowerCase();
      if (name === '' || name === 'close' || name === 'keep-alive') continue;
      listed ??= new Set();
      listed.add(name);
    }
  }
  return listed;
}

/** What the client's headers said about forwarding and its host, gathered while they are copied. */
class ClientClaims {
  forwardedFor: string | undefined = undefined;
  forwardedProto: string | undefined = undefined;
  forwardedHost: string | undefined = undefined;
  /** An h2c client's :authority. */
  authority: string | undefined = undefined;
  host: string | undefined = undefined;

  /** Takes an X-Forwarded-* header (lower-case name); false for one it does not track. */
  takeForwarded(lower: string, value: string): boolean {
    if (lower === 'x-forwarded-for') this.forwardedFor = this.forwardedFor === undefined ? value : `${this.forwardedFor}, ${value}`;
    else if (lower === 'x-forwarded-proto') this.forwardedProto ??= value;
    else if (lower === 'x-forwarded-host') this.forwardedHost ??= value;
    else return false;
    return true;
  }

  get anyForwarded(): boolean {
    return this.forwardedFor !== undefined || this.forwardedProto !== undefined || this.forwardedHost !== undefined;
  }
}

/** Copies end-to-end headers to `out`, leaving out hop-by-hop ones and recording what `claims` tracks. */
function copyEndToEnd(rawHeaders: readonly string[], dropHost: boolean, claims: ClientClaims, out: string[]): void {
  const listed = connectionListed(rawHeaders);
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    const value = rawHeaders[i + 1] ?? '';
    // HTTP/2 pseudo-headers (a client speaking h2c): only :authority carries over, as Host.
    if (name.charCodeAt(0) === 58 /* ':' */) {
      if (name === ':authority') claims.authority = value;
      continue;
    }
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed?.has(lower)) continue;
    if (lower.startsWith('x-forwarded-') && claims.takeForwarded(lower, value)) continue;
    if (lower === 'host') {
      if (dropHost) continue;
      claims.host ??= value;
    }
    out.push(name, value);
  }
}

/**
 * Builds the upstream request's headers as a flat [name, value, ...] list from the client's raw
 * headers: order and case preserved, hop-by-hop removed, X-Forwarded-For, -Proto and -Host set (the
 * client's own kept and extended only when `trust` trusts its address). `targetAuthority` (an absolute-form
 * request target's) becomes the only Host.
 */
export function upstreamRequestHeaders(
  rawHeaders: readonly string[],
  clientAddress: string,
  proto: 'http' | 'https',
  targetAuthority?: string,
  trust: ForwardedTrust = TRUST_NO_ONE,
): string[] {
  const out: string[] = [];
  const claims = new ClientClaims();
  copyEndToEnd(rawHeaders, targetAuthority !== undefined, claims, out);
  if (targetAuthority !== undefined) out.unshift('host', targetAuthority);
  else if (claims.authority !== undefined && claims.host === undefined) out.unshift('host', claims.authority);
  // Only a request that brought its own X-Forwarded-* pays for the trust check.
  const trusted = claims.anyForwarded && trust.trusts(clientAddress);
  const { forwardedFor, forwardedProto, forwardedHost } = claims;
  out.push('x-forwarded-for', trusted && forwardedFor !== undefined ? `${forwardedFor}, ${clientAddress}` : clientAddress);
  out.push('x-forwarded-proto', trusted && forwardedProto !== undefined ? forwardedProto : proto);
  const host = trusted && forwardedHost !== undefined ? forwardedHost : (targetAuthority ?? claims.host ?? claims.authority);
  if (host !== undefined && host !== '') out.push('x-forwarded-host', host);
  return out;
}

/** Names the upstream's Connection header lists (beyond close/keep-alive): hop-by-hop too. */
function responseConnectionListed(connection: string | string[] | undefined): Set<string> | undefined {
  if (connection === undefined) return undefined;
  let listed: Set<string> | undefined;
  for (const token of (Array.isArray(connection) ? connection.join(',') : connection).split(',')) {
    const name = token.trim().toLowerCase();
    if (name === '') continue;
    listed ??= new Set();
    listed.add(name);
  }
  return listed;
}

/**
 * The upstream response's headers (lower-case names, as undici parses them) as a flat
 * [name, value, ...] list for `writeHead`, hop-by-hop ones left out; repeated headers stay repeated.
 */
export function responseHeaderList(headers: IncomingHttpHeaders): string[] {
  const listed = responseConnectionListed(headers.connection);
  const out: string[] = [];
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) || listed?.has(name)) continue;
    const value = headers[name];
    if (value === undefined) continue;
    if (typeof value === 'string') {
      out.push(name, value);
    } else {
      for (const item of value) out.push(name, item);
    }
  }
  return out;
}
