// Normalizes a request path before routing, so that a request reaches exactly the route its path
// means and the backend receives that same path (RFC 3986 section 6.2.2): percent-encoded unreserved
// characters are decoded (`%7E` is `~`, `%2E` is `.`), other escapes get upper-case hex, dot-segments
// are removed (section 5.2.4) and runs of slashes merge into one (as nginx does by default: `//admin`
// must not slip past a `/admin` rule to a backend that reads it as `/admin`). `%2F` stays encoded: it
// is data inside a segment, not a separator. Paths with nothing to normalize are returned untouched,
// after one scan and no allocation.

const PERCENT = 37;
const SLASH = 47;
const DOT = 46;

/** RFC 3986 unreserved characters (ALPHA / DIGIT / "-" / "." / "_" / "~"), by code. */
const UNRESERVED: boolean[] = Array.from({ length: 128 }, (_, code) => /[A-Za-z0-9\-._~]/.test(String.fromCharCode(code)));

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/** True when the path (starting with `/`) holds an escape, a dot right after a slash, or two slashes in a row. */
function needsNormalizing(path: string): boolean {
  for (let i = 1; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code === PERCENT) return true;
    if ((code === SLASH || code === DOT) && path.charCodeAt(i - 1) === SLASH) return true;
  }
  return false;
}

/** Decodes escapes of unreserved characters, upper-cases the hex of the others; malformed escapes stay as sent. */
function normalizeEscapes(path: string): string {
  let out = '';
  let from = 0;
  for (let i = path.indexOf('%'); i !== -1; i = path.indexOf('%', i + 1)) {
    const high = hexValue(path.charCodeAt(i + 1));
    const low = hexValue(path.charCodeAt(i + 2));
    if (high < 0 || low < 0) continue;
    const code = high * 16 + low;
    out += path.slice(from, i) + (code < 128 && UNRESERVED[code] ? String.fromCharCode(code) : path.slice(i, i + 3).toUpperCase());
    from = i + 3;
    i += 2;
  }
  return out + path.slice(from);
}

/** Removes `.` and `..` segments and empty segments (merged slashes); a path ending in a removed segment keeps its trailing slash. */
function removeDotAndEmptySegments(path: string): string {
  const segments = path.split('/');
  const kept: string[] = [];
  let trailingSlash = false;
  // segments[0] is the empty string before the leading slash.
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] as string;
    const last = i === segments.length - 1;
    if (segment === '..') kept.pop();
    else if (segment !== '.' && segment !== '') kept.push(segment);
    trailingSlash = last && (segment === '..' || segment === '.' || segment === '');
  }
  return kept.length === 0 ? '/' : `/${kept.join('/')}${trailingSlash ? '/' : ''}`;
}

/** The normalized form of an origin-form path (no query); `path` must start with `/`. */
export function normalizePath(path: string): string {
  if (!needsNormalizing(path)) return path;
  return removeDotAndEmptySegments(normalizeEscapes(path));
}
