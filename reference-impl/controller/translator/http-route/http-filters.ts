// Compiles a list of HTTPRoute filters (a rule's, or one backendRef's) into the IR, in route order.
// - A list holds at most one of each core filter (only RequestMirror and ExtensionRef may repeat) and never
//   both RequestRedirect and URLRewrite: the rule is invalid otherwise (IncompatibleFilters).
// - An ExtensionRef names a custom filter; this controller implements none, so it is a reference to an
//   unsupported kind: ResolvedRefs False with InvalidKind (GEP-1364), and the requests the filter would have
//   processed are answered 500 rather than let through without it.
// - A filter type the specification does not define, or that this controller does not implement (the
//   experimental ExternalAuth), makes the rule invalid (UnsupportedValue).
import type { HttpFilterIR } from '../../../ir/gateway-ir.ts';
import type { RefFailure } from '../backend-resolution.ts';
import { RouteReason } from '../condition-names.ts';
import type { HTTPRouteFilter } from '../snapshot.ts';
import { compileCors } from './cors-filter.ts';
import type { FilterContext } from './filter-context.ts';
import { compileHeaderModifier } from './header-modifier-filter.ts';
import { compileMirror } from './mirror-filter.ts';
import { compileRedirect } from './redirect-filter.ts';
import { compileUrlRewrite } from './url-rewrite-filter.ts';

export interface CompiledFilters {
  filters: HttpFilterIR[];
  /** Set when a filter cannot be resolved: whatever it would have processed is answered 500. */
  unresolved?: RefFailure;
}

const REPEATABLE = new Set(['RequestMirror', 'ExtensionRef']);

/** `context.where` names the list (`rules[0].filters`); each filter's messages add its index. */
export function compileFilters(filters: HTTPRouteFilter[], context: FilterContext): CompiledFilters {
  checkCombination(filters, context);
  const compiled: CompiledFilters = { filters: [] };
  filters.forEach((filter, index) => {
    const result = compileFilter(filter, { ...context, where: `${context.where}[${index}]` });
    if (result && 'unresolved' in result) {
      context.issues.unresolved(result.unresolved);
      compiled.unresolved ??= result.unresolved;
    } else if (result) compiled.filters.push(result.ir);
  });
  return compiled;
}

function checkCombination(filters: HTTPRouteFilter[], context: FilterContext): void {
  const types = filters.map((filter) => filter.type);
  if (types.includes('RequestRedirect') && types.includes('URLRewrite')) {
    context.issues.invalid(RouteReason.IncompatibleFilters, `${context.where}: RequestRedirect and URLRewrite may not be used together`);
  }
  const repeated = [...new Set(types.filter((type, index) => !REPEATABLE.has(type) && types.indexOf(type) !== index))];
  for (const type of repeated) context.issues.invalid(RouteReason.IncompatibleFilters, `${context.where}: the ${type} filter is given more than once`);
}

function compileFilter(filter: HTTPRouteFilter, context: FilterContext): { ir: HttpFilterIR } | { unresolved: RefFailure } | undefined {
  const missing = (field: string) => {
    context.issues.invalid(RouteReason.UnsupportedValue, `${context.where}: a ${filter.type} filter needs its ${field} field`);
    return undefined;
  };
  const wrap = (ir: HttpFilterIR | undefined) => (ir ? { ir } : undefined);
  switch (filter.type) {
    case 'RequestHeaderModifier':
      return filter.requestHeaderModifier ? wrap(compileHeaderModifier('RequestHeaderModifier', filter.requestHeaderModifier, context)) : missing('requestHeaderModifier');
    case 'ResponseHeaderModifier':
      return filter.responseHeaderModifier ? wrap(compileHeaderModifier('ResponseHeaderModifier', filter.responseHeaderModifier, context)) : missing('responseHeaderModifier');
    case 'RequestRedirect':
      return filter.requestRedirect ? wrap(compileRedirect(filter.requestRedirect, context)) : missing('requestRedirect');
    case 'URLRewrite':
      return filter.urlRewrite ? wrap(compileUrlRewrite(filter.urlRewrite, context)) : missing('urlRewrite');
    case 'RequestMirror':
      return filter.requestMirror ? wrap(compileMirror(filter.requestMirror, context)) : missing('requestMirror');
    case 'CORS':
      return filter.cors ? wrap(compileCors(filter.cors, context)) : missing('cors');
    case 'ExtensionRef': {
      const ref = filter.extensionRef;
      if (!ref) return missing('extensionRef');
      const message = `${context.where}: ExtensionRef to ${ref.group || 'core'}/${ref.kind} ${ref.name}: this implementation supports no custom filter kinds; requests the filter would process are answered 500`;
      return { unresolved: { reason: RouteReason.InvalidKind, message } };
    }
    default:
      context.issues.invalid(RouteReason.UnsupportedValue, `${context.where}: filter type "${filter.type}" is not supported by this implementation`);
      return undefined;
  }
}
