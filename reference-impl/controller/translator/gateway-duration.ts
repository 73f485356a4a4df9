// Gateway API durations (GEP-2257), as timeouts and retry backoff are written: one to four components, each
// one to five decimal digits followed by a unit (h, m, s or ms); the duration is the sum of its components
// (units may repeat, `0s` is zero). Parsed exactly to whole milliseconds: no floating point, no sign.

const GEP_2257_FORMAT = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
// `ms` before `m`, so `500ms` is one component and not `500m` followed by a stray `s`.
const COMPONENT = /([0-9]{1,5})(ms|h|m|s)/g;
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** What a message says a valid duration looks like. */
export const GATEWAY_DURATION_FORMAT = 'a Gateway API duration (GEP-2257): 1 to 4 components of 1 to 5 digits and a unit h, m, s or ms, e.g. 1h30m or 500ms';

/** The duration in milliseconds, or undefined when `text` is not a GEP-2257 duration. */
export function parseGatewayDuration(text: string): number | undefined {
  if (!GEP_2257_FORMAT.test(text)) return undefined;
  let total = 0;
  for (const [, digits, unit] of text.matchAll(COMPONENT)) total += Number.parseInt(digits ?? '0', 10) * (UNIT_MS[unit ?? ''] ?? 0);
  return total;
}
