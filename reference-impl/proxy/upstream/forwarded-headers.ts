// Header rewriting between client and upstream: hop-by-hop headers belong to one connection and are
// dropped (RFC 9110 section 7.6.1), Host is kept as the client sent it (an h2c client's :authority
// becomes Host; an absolute-form target's authority replaces it, RFC 9112 section 3.2.2), X-Forwarded-*
// are added.

import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
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

function hasHost(headers: readonly string[]): boolean {
  for (let i = 0; i < headers.length; i += 2) if ((headers[i] ?? '').toLowerCase() === 'host') return true;
  return false;
}

/**
 * Builds the upstream request's headers as a flat [name, value, ...] list from the client's raw
 * headers: order and case preserved, hop-by-hop removed, X-Forwarded-For appended, X-Forwarded-Proto set.
 * `targetAuthority` (an absolute-form request target's) becomes the only Host.
 */
export function upstreamRequestHeaders(rawHeaders: readonly string[], clientAddress: string, proto: 'http' | 'https', targetAuthority?: string): string[] {
  const listed = connectionListed(rawHeaders);
  const out: string[] = [];
  let forwardedFor: string | undefined;
  let authority: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    const value = rawHeaders[i + 1] ?? '';
    // HTTP/2 pseudo-headers (a client speaking h2c): only :authority carries over, as Host.
    if (name.charCodeAt(0) === 58 /* ':' */) {
      if (name === ':authority') authority = value;
      continue;
    }
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed?.has(lower) || lower === 'x-forwarded-proto') continue;
    if (targetAuthority !== undefined && lower === 'host') continue;
    if (lower === 'x-forwarded-for') {
      forwardedFor = forwardedFor === undefined ? value : `${forwardedFor}, ${value}`;
      continue;
    }
    out.push(name, value);
  }
  if (targetAuthority !== undefined) out.unshift('host', targetAuthority);
  else if (authority !== undefined && !hasHost(out)) out.unshift('host', authority);
  out.push('x-forwarded-for', forwardedFor === undefined ? clientAddress : `${forwardedFor}, ${clientAddress}`);
  out.push('x-forwarded-proto', proto);
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
