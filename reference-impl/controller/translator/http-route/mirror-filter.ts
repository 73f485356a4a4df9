// RequestMirror: a copy of the request goes to another backend for a share of requests: `percent` (of 100),
// a `fraction` (the denominator defaults to 100), or every request when neither is given. A mirror whose
// backend does not resolve sends no copy and reports ResolvedRefs False; the route is served as usual.
import type { RequestMirrorIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import type { HTTPRequestMirrorFilter } from '../snapshot.ts';
import type { FilterContext } from './filter-context.ts';
import { resolveHttpBackend } from './http-backend.ts';

const DEFAULT_FRACTION_DENOMINATOR = 100;

export function compileMirror(config: HTTPRequestMirrorFilter, context: FilterContext): RequestMirrorIR | undefined {
  const where = `${context.where}.requestMirror`;
  const fraction = mirroredShare(config, where, context);
  if (!fraction) return undefined;
  return { type: 'RequestMirror', backend: resolveHttpBackend(config.backendRef, 1, { ...context, where: `${where}.backendRef` }), fraction };
}

function mirroredShare(config: HTTPRequestMirrorFilter, where: string, context: FilterContext): RequestMirrorIR['fraction'] | undefined {
  const invalid = (message: string) => {
    context.issues.invalid(RouteReason.UnsupportedValue, `${where}: ${message}`);
    return undefined;
  };
  const { percent, fraction } = config;
  if (percent !== undefined && fraction !== undefined) return invalid('give percent or fraction, not both');
  if (percent !== undefined) {
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) return invalid(`percent ${percent} must be a whole number from 0 to 100`);
    return { numerator: percent, denominator: 100 };
  }
  if (fraction !== undefined) {
    const denominator = fraction.denominator ?? DEFAULT_FRACTION_DENOMINATOR;
    const { numerator } = fraction;
    if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 1 || numerator > denominator) {
      return invalid(`fraction ${numerator}/${denominator} must have whole numbers with 0 <= numerator <= denominator and denominator >= 1`);
    }
    return { numerator, denominator };
  }
  return { numerator: 1, denominator: 1 };
}
