// CORS: the filter as written, with the specification's defaults (no credentials, a max age of 5 seconds).
// The wildcard `*` may only stand alone in allowOrigins, allowMethods and allowHeaders (UnsupportedValue
// otherwise, as the CRD's validation also says).
import type { CorsIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import type { HTTPCORSFilter } from '../snapshot.ts';
import type { FilterContext } from './filter-context.ts';

const DEFAULT_MAX_AGE_SECONDS = 5;

export function compileCors(config: HTTPCORSFilter, context: FilterContext): CorsIR {
  const where = `${context.where}.cors`;
  const lists = { allowOrigins: config.allowOrigins ?? [], allowMethods: config.allowMethods ?? [], allowHeaders: config.allowHeaders ?? [] };
  for (const [field, values] of Object.entries(lists)) {
    if (values.includes('*') && values.length > 1) context.issues.invalid(RouteReason.UnsupportedValue, `${where}.${field}: "*" must stand alone`);
  }
  const maxAgeSeconds = config.maxAge ?? DEFAULT_MAX_AGE_SECONDS;
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 1) context.issues.invalid(RouteReason.UnsupportedValue, `${where}.maxAge ${config.maxAge} must be a whole number of seconds, at least 1`);
  return {
    type: 'CORS',
    ...lists,
    exposeHeaders: config.exposeHeaders ?? [],
    allowCredentials: config.allowCredentials ?? false,
    maxAgeSeconds,
  };
}
