// The path part of URLRewrite and RequestRedirect: ReplaceFullPath, or ReplacePrefixMatch, which
// replaces the matched prefix element by element, exactly as the specification's table lists it
// (`/foo/bar` with prefix `/foo` and replacement `/xyz/` gives `/xyz/bar`; `/foo` with `` gives `/`).

import type { PathModifierIR } from '../../ir/gateway-ir.ts';

export class InvalidPathModifierError extends Error {
  readonly code = 'PROXY_INVALID_PATH_MODIFIER';
  constructor(where: string, what: string) {
    super(`${where}: ${what}; fix the path of this filter in the HTTPRoute`);
    this.name = 'InvalidPathModifierError';
  }
}

// What may appear in an origin-form request target's path (RFC 3986 pchar, '/' and '%').
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;

/** Rewrites a path (no query string); pure. */
export type PathRewrite = (path: string) => string;

/** A trailing `/` of a prefix or replacement is ignored: `/foo/` and `/foo` name the same elements. */
function withoutTrailingSlashes(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === 47 /* '/' */) end -= 1;
  return value.slice(0, end);
}

/**
 * Replaces `prefix` at the start of `path` when it matches whole path elements (as a PathPrefix
 * match does); a path the prefix does not match is returned unchanged.
 */
export function replacePrefixMatch(path: string, prefix: string, replacement: string): string {
  const elements = withoutTrailingSlashes(prefix);
  if (path !== elements && !path.startsWith(`${elements}/`)) return path;
  // What follows the prefix: empty, or starting with '/'.
  const rest = path.slice(elements.length);
  const rewritten = withoutTrailingSlashes(replacement) + rest;
  return rewritten === '' ? '/' : rewritten;
}

/** Throws InvalidPathModifierError for a value that would not make a usable path. */
export function compilePathModifier(modifier: PathModifierIR, where: string): PathRewrite {
  const mayBeEmpty = modifier.type === 'ReplacePrefixMatch';
  if (!(mayBeEmpty && modifier.value === '') && !modifier.value.startsWith('/')) {
    throw new InvalidPathModifierError(where, `${modifier.type} value ${JSON.stringify(modifier.value)} must start with "/"`);
  }
  if (!PATH_CHARACTERS.test(modifier.value)) {
    throw new InvalidPathModifierError(where, `${modifier.type} value ${JSON.stringify(modifier.value)} has characters a URL path cannot carry unescaped`);
  }
  if (modifier.type === 'ReplaceFullPath') {
    const full = modifier.value;
    return () => full;
  }
  const { prefix, value } = modifier;
  return (path) => replacePrefixMatch(path, prefix, value);
}
