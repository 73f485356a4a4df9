// The `continue` token of a paged list, in the form the Kubernetes API server gives it: base64url of
// {"v":"meta.k8s.io/v1","rv":<resourceVersion of the first page>,"start":"<key to resume after>"}. Clients
// treat it as opaque; the server reads the snapshot's resourceVersion back from it, so every page comes from
// the state of the first. An `rv` of -1 continues at the current state (the token a 410 answer offers).

import { badRequest } from '../../store/api-error.ts';

export interface ContinueToken {
  /** The resourceVersion of the first page; -1 continues at the latest state. */
  resourceVersion: number;
  /** Items with a key (namespace/name) greater than this come next. */
  startAfter: string;
}

const TOKEN_VERSION = 'meta.k8s.io/v1';

export function encodeContinueToken(token: ContinueToken): string {
  const json = JSON.stringify({ v: TOKEN_VERSION, rv: token.resourceVersion, start: `${token.startAfter}\u0000` });
  return Buffer.from(json, 'utf8').toString('base64url');
}

export function decodeContinueToken(text: string): ContinueToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken('the token is not base64url-encoded JSON');
  }
  const { v, rv, start } = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== TOKEN_VERSION) throw invalidToken(`incorrect encoded start resourceVersion (version ${TOKEN_VERSION})`);
  if (typeof rv !== 'number' || !Number.isInteger(rv) || (rv < 1 && rv !== -1)) throw invalidToken('incorrect encoded start resourceVersion');
  if (typeof start !== 'string' || !start.endsWith('\u0000')) throw invalidToken('the start key is missing');
  return { resourceVersion: rv, startAfter: start.slice(0, -1) };
}

function invalidToken(why: string) {
  return badRequest(`continue key is not valid: ${why}; start a new list without the continue parameter`);
}
