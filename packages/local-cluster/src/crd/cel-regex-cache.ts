// RE2 programs of CEL `matches`, compiled once per pattern. @bufbuild/cel compiles the pattern on every call:
// HTTPRoute's rules match paths and header names with constant patterns, and compiling them anew was a fifth of
// the CEL time of each HTTPRoute create. Patterns are almost always constants of the CRD's rules; one taken from
// the object's data is compiled and kept like any other, and the cache starts over past MAX_PATTERNS.
import { RE2JS } from '@bufbuild/re2';

const MAX_PATTERNS = 1000;
const compiled = new Map<string, RE2JS>();

export function compileCachedRegex(pattern: string): RE2JS {
  let program = compiled.get(pattern);
  if (program === undefined) {
    program = RE2JS.compile(pattern); // throws on a bad pattern, uncached, as before
    if (compiled.size >= MAX_PATTERNS) compiled.clear();
    compiled.set(pattern, program);
  }
  return program;
}

/** The `re2` option of celEnv: the engine the `matches` method uses. */
export const cachedRe2 = { compile: compileCachedRegex };
