// RequestHeaderModifier and ResponseHeaderModifier compiled once per rule into an edit of a flat
// [name, value, ...] header list (the form both the upstream client and Node's writeHead take).
// Names compare case-insensitively; set replaces every value of a name, add appends one more
// entry (a repeated header, which readers join with ","), remove drops every entry of a name.

import type { HeaderModifierIR } from '../../ir/gateway-ir.ts';

export class InvalidHeaderFilterError extends Error {
  readonly code = 'PROXY_INVALID_HEADER_FILTER';
  constructor(where: string, what: string) {
    super(`${where}: ${what}; fix this header filter in the HTTPRoute`);
    this.name = 'InvalidHeaderFilterError';
  }
}

/** Returns the edited list; the input list is not modified. */
export type HeaderEdit = (headers: readonly string[]) => string[];

// RFC 9110 token characters: what Node accepts as a header name.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Visible ASCII, spaces and tabs (and obs-text): what Node accepts as a header value.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// Headers that frame the message or belong to one connection: editing them would corrupt the
// exchange (or the upstream client refuses them), so a filter naming one is refused.
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect', 'content-length']);

function checkName(where: string, name: string): void {
  if (!TOKEN.test(name)) throw new InvalidHeaderFilterError(where, `header name ${JSON.stringify(name)} is not a valid HTTP header name`);
  if (CONNECTION_HEADERS.has(name.toLowerCase())) {
    throw new InvalidHeaderFilterError(where, `header ${name} frames the message or belongs to one connection and cannot be modified by a filter`);
  }
}

/**
 * The specification takes the first of several entries with equivalent names and ignores the
 * others; names and values Node could not send are refused here, at compile time.
 */
function firstPerName(where: string, entries: readonly { name: string; value: string }[]): { name: string; lower: string; value: string }[] {
  const seen = new Set<string>();
  const out: { name: string; lower: string; value: string }[] = [];
  for (const { name, value } of entries) {
    checkName(where, name);
    if (!FIELD_VALUE.test(value)) throw new InvalidHeaderFilterError(where, `value of header ${name} contains characters HTTP does not allow (line breaks, control characters)`);
    const lower = name.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    out.push({ name, lower, value });
  }
  return out;
}

function withoutNames(headers: readonly string[], lowerNames: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i] ?? '';
    if (lowerNames.has(name.toLowerCase())) continue;
    out.push(name, headers[i + 1] ?? '');
  }
  return out;
}

/** Throws InvalidHeaderFilterError when a name or value could never be sent. */
export function compileHeaderEdit(modifier: HeaderModifierIR, where: string): HeaderEdit {
  const set = firstPerName(`${where} set`, modifier.set);
  const add = firstPerName(`${where} add`, modifier.add);
  for (const name of modifier.remove) checkName(`${where} remove`, name);
  // set, add, remove: the order the IR documents (the specification allows one action per name).
  const dropped = new Set([...set.map((h) => h.lower), ...modifier.remove.map((name) => name.toLowerCase())]);
  const removed = new Set(modifier.remove.map((name) => name.toLowerCase()));
  const appended: string[] = [];
  for (const h of set) if (!removed.has(h.lower)) appended.push(h.name, h.value);
  for (const h of add) if (!removed.has(h.lower)) appended.push(h.name, h.value);
  return (headers) => {
    const out = dropped.size === 0 ? headers.slice() : withoutNames(headers, dropped);
    for (const item of appended) out.push(item);
    return out;
  };
}
