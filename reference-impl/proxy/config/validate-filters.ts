// Shape checks of the IR's HTTP filters, retry and timeouts at the config boundary: each problem is
// reported with the path to the offending field (`ir.listeners[0]...filters[1] (RequestRedirect).statusCode`).
// Values that are well-formed but unusable (a header name Node cannot send) are left to the rule's
// compilation, which turns them into a 500 for that rule only.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every(isString);
const isWhole = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v);

const REDIRECT_CODES = [301, 302, 303, 307, 308];

function checkHeaderList(where: string, value: unknown, problems: string[]): void {
  if (!Array.isArray(value) || !value.every((h) => isObject(h) && isString(h.name) && isString(h.value))) problems.push(`${where} must be a list of {name, value}`);
}

function checkPath(where: string, path: unknown, problems: string[]): void {
  if (path === undefined) return;
  const ok = isObject(path) && isString(path.value) && (path.type === 'ReplaceFullPath' || (path.type === 'ReplacePrefixMatch' && isString(path.prefix)));
  if (!ok) problems.push(`${where} must be {type: ReplaceFullPath, value} or {type: ReplacePrefixMatch, prefix, value}`);
}

export type BackendCheck = (where: string, backend: unknown, problems: string[]) => void;

function checkFilter(where: string, f: Json, problems: string[], checkBackend: BackendCheck): void {
  switch (f.type) {
    case 'RequestHeaderModifier':
    case 'ResponseHeaderModifier':
      checkHeaderList(`${where}.set`, f.set, problems);
      checkHeaderList(`${where}.add`, f.add, problems);
      if (!isStringList(f.remove)) problems.push(`${where}.remove must be a list of header names`);
      return;
    case 'RequestRedirect':
      if (!optional(f.scheme, (s) => s === 'http' || s === 'https')) problems.push(`${where}.scheme must be http or https`);
      if (!optional(f.hostname, isString)) problems.push(`${where}.hostname must be a string`);
      if (!optional(f.port, (p) => isWhole(p, 1, 65535))) problems.push(`${where}.port must be a port number (1-65535)`);
      if (!REDIRECT_CODES.includes(f.statusCode as number)) problems.push(`${where}.statusCode must be one of ${REDIRECT_CODES.join(', ')}`);
      checkPath(`${where}.path`, f.path, problems);
      return;
    case 'URLRewrite':
      if (!optional(f.hostname, isString)) problems.push(`${where}.hostname must be a string`);
      checkPath(`${where}.path`, f.path, problems);
      return;
    case 'RequestMirror': {
      checkBackend(`${where}.backend`, f.backend, problems);
      const fraction = f.fraction;
      if (!isObject(fraction) || !isWhole(fraction.numerator, 0) || !isWhole(fraction.denominator, 1)) {
        problems.push(`${where}.fraction must be {numerator >= 0, denominator >= 1} (whole numbers)`);
      }
      return;
    }
    case 'CORS':
      for (const list of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders']) {
        if (!isStringList(f[list])) problems.push(`${where}.${list} must be a list of strings`);
      }
      if (typeof f.allowCredentials !== 'boolean') problems.push(`${where}.allowCredentials must be true or false`);
      if (!isWhole(f.maxAgeSeconds, 0)) problems.push(`${where}.maxAgeSeconds must be a whole number of seconds`);
      return;
    default:
      problems.push(`${where}.type ${JSON.stringify(f.type)} is not a filter this proxy knows (RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, URLRewrite, RequestMirror, CORS)`);
  }
}

export function checkFilters(where: string, filters: unknown, problems: string[], checkBackend: BackendCheck): void {
  if (!Array.isArray(filters)) {
    problems.push(`${where} must be a list`);
    return;
  }
  filters.forEach((f: unknown, i) => {
    if (!isObject(f)) problems.push(`${where}[${i}] must be an object`);
    else checkFilter(`${where}[${i}] (${String(f.type)})`, f, problems, checkBackend);
  });
}

/** timeouts, retry and failure of a rule; all optional. */
export function checkRuleBehaviour(where: string, rule: Json, problems: string[]): void {
  const { timeouts, retry, failure } = rule;
  if (timeouts !== undefined) {
    const ok = isObject(timeouts) && optional(timeouts.requestMs, (v) => isWhole(v, 0)) && optional(timeouts.backendRequestMs, (v) => isWhole(v, 0));
    if (!ok) problems.push(`${where}.timeouts must be {requestMs?, backendRequestMs?} in whole milliseconds (0: no limit)`);
  }
  if (retry !== undefined) {
    const ok = isObject(retry) && Array.isArray(retry.codes) && retry.codes.every((c) => isWhole(c, 100, 599)) && isWhole(retry.attempts, 1) && isWhole(retry.backoffMs, 0);
    if (!ok) problems.push(`${where}.retry must be {codes: HTTP status codes, attempts >= 1, backoffMs >= 0}`);
  }
  if (failure !== undefined && !(isObject(failure) && isString(failure.reason))) problems.push(`${where}.failure must be {reason: string}`);
}
