// A rule's backendRefs as IR backends, each with the filters that apply only to requests sent to it. A
// backendRef filter that cannot be resolved (an ExtensionRef) makes that backend answer 500, so exactly the
// share of requests it would have processed fails; an invalid backendRef filter makes the rule invalid.
import type { BackendIR } from '../../../ir/gateway-ir.ts';
import type { HTTPBackendRef } from '../snapshot.ts';
import type { FilterContext } from './filter-context.ts';
import { resolveHttpBackend } from './http-backend.ts';
import { compileFilters } from './http-filters.ts';

/** `context.where` names the rule (`rules[0]`). */
export function compileBackendRefs(refs: HTTPBackendRef[], context: FilterContext): BackendIR[] {
  return refs.map((ref, index) => {
    const where = `${context.where}.backendRefs[${index}]`;
    const backend = resolveHttpBackend(ref, ref.weight ?? 1, { ...context, where });
    // Compiled even for a backend that did not resolve, so that every problem of the rule is reported.
    const compiled = compileFilters(ref.filters ?? [], { ...context, where: `${where}.filters` });
    if (backend.kind === 'invalid') return backend;
    if (compiled.unresolved) return { kind: 'invalid', name: backend.name, weight: backend.weight, reason: `${compiled.unresolved.reason}: ${compiled.unresolved.message}` };
    return { ...backend, filters: compiled.filters };
  });
}
