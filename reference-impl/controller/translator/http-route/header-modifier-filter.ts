// RequestHeaderModifier and ResponseHeaderModifier: set, add and remove, with header names compared without
// regard to case. Within `set` (and within `add`) a later entry naming the same header as an earlier one is
// ignored, as the HTTPHeader type requires; one header named by two different actions (say set and remove)
// makes the filter invalid, as HTTPHeaderFilter requires (UnsupportedValue).
import type { HeaderIR, HeaderModifierIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import type { HTTPHeader, HTTPHeaderFilter } from '../snapshot.ts';
import type { FilterContext } from './filter-context.ts';

export function compileHeaderModifier(type: HeaderModifierIR['type'], config: HTTPHeaderFilter, context: FilterContext): HeaderModifierIR {
  const set = firstOfEachName(config.set ?? []);
  const add = firstOfEachName(config.add ?? []);
  const remove = firstOfEachName((config.remove ?? []).map((name) => ({ name, value: '' }))).map((header) => header.name);
  const actions = new Map<string, string[]>();
  const note = (name: string, action: string) => actions.set(name.toLowerCase(), [...(actions.get(name.toLowerCase()) ?? []), action]);
  for (const header of set) note(header.name, 'set');
  for (const header of add) note(header.name, 'add');
  for (const name of remove) note(name, 'remove');
  for (const [name, named] of actions) {
    if (named.length > 1) {
      context.issues.invalid(RouteReason.UnsupportedValue, `${context.where}: header "${name}" is named by ${named.join(' and ')}; a header modifier allows one action per header`);
    }
  }
  return { type, set, add, remove };
}

function firstOfEachName(headers: HTTPHeader[]): HeaderIR[] {
  const seen = new Set<string>();
  const result: HeaderIR[] = [];
  for (const header of headers) {
    const key = header.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ name: header.name, value: header.value });
  }
  return result;
}
