// Turns one HttpMatchIR into a predicate, doing all the string and regex work once at compile time.

import type { HttpMatchIR } from '../../ir/gateway-ir.ts';
import type { RouteRequest } from './route-request.ts';

export type MatchPredicate = (request: RouteRequest) => boolean;

export class InvalidMatchRegexError extends Error {
  readonly code = 'PROXY_INVALID_MATCH_REGEX';
  constructor(where: string, pattern: string, cause: unknown) {
    super(`${where}: regular expression ${JSON.stringify(pattern)} does not compile (${String(cause)}); the rule will never match, fix the route's match`);
    this.name = 'InvalidMatchRegexError';
  }
}

/** Regex matches are full-string matches, as in the RE2-based data planes. */
function compileFullRegex(where: string, pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw new InvalidMatchRegexError(where, pattern, error);
  }
}

function compilePath(path: HttpMatchIR['path']): (value: string) => boolean {
  switch (path.type) {
    case 'Exact': {
      const expected = path.value;
      return (value) => value === expected;
    }
    case 'PathPrefix': {
      // A trailing slash in the prefix is ignored; matching is by whole path segments.
      const prefix = path.value.replace(/\/+$/, '');
      if (prefix === '') return () => true;
      const withSlash = `${prefix}/`;
      return (value) => value === prefix || value.startsWith(withSlash);
    }
    case 'RegularExpression': {
      const regex = compileFullRegex('path', path.value);
      return (value) => regex.test(value);
    }
  }
}

function compileValue(where: string, type: 'Exact' | 'RegularExpression', expected: string): (value: string) => boolean {
  if (type === 'Exact') return (value) => value === expected;
  const regex = compileFullRegex(where, expected);
  return (value) => regex.test(value);
}

/** Throws InvalidMatchRegexError when one of the match's regular expressions is invalid. */
export function compileMatch(match: HttpMatchIR): MatchPredicate {
  const pathMatches = compilePath(match.path);
  const headerChecks = match.headers.map((header) => {
    const name = header.name.toLowerCase();
    const test = compileValue(`header ${name}`, header.type, header.value);
    return (request: RouteRequest): boolean => {
      const value = request.headers(name);
      return value !== undefined && test(value);
    };
  });
  const queryChecks = match.queryParams.map((param) => {
    const test = compileValue(`query parameter ${param.name}`, param.type, param.value);
    return (request: RouteRequest): boolean => {
      // With a repeated parameter the first value counts.
      const value = request.query.get(param.name);
      return value !== null && test(value);
    };
  });
  const method = match.method;
  return (request) => {
    if (method !== undefined && request.method !== method) return false;
    if (!pathMatches(request.path)) return false;
    for (const check of headerChecks) if (!check(request)) return false;
    for (const check of queryChecks) if (!check(request)) return false;
    return true;
  };
}
