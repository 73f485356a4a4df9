// The echo server reports header names the way Go's net/http does (textproto canonical form), because
// conformance expectations compare against names like "X-Forwarded-For" whatever case the client sent.

const TOKEN_CHARS = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Go's CanonicalMIMEHeaderKey: upper-case the first letter and every letter after '-', lower-case the rest. */
export function goCanonicalHeaderName(name: string): string {
  // Go leaves a name with characters outside the token set untouched.
  if (!TOKEN_CHARS.test(name)) return name;
  let out = '';
  let upper = true;
  for (const ch of name) {
    out += upper ? ch.toUpperCase() : ch.toLowerCase();
    upper = ch === '-';
  }
  return out;
}
