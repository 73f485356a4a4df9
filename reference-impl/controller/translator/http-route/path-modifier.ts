// The path part of RequestRedirect and URLRewrite. ReplaceFullPath replaces the whole path; ReplacePrefixMatch
// replaces the rule's PathPrefix match, so the rule must have exactly one match and it must be a PathPrefix
// (otherwise the specification makes the route not accepted: UnsupportedValue). The IR carries that prefix.
import type { PathModifierIR } from '../../../ir/gateway-ir.ts';
import { RouteReason } from '../condition-names.ts';
import type { HTTPPathModifier } from '../snapshot.ts';
import type { FilterContext } from './filter-context.ts';

export function compilePathModifier(path: HTTPPathModifier, where: string, context: FilterContext): PathModifierIR | undefined {
  const invalid = (message: string) => {
    context.issues.invalid(RouteReason.UnsupportedValue, `${where}: ${message}`);
    return undefined;
  };
  switch (path.type) {
    case 'ReplaceFullPath':
      if (path.replaceFullPath === undefined) return invalid('type ReplaceFullPath needs replaceFullPath');
      return { type: 'ReplaceFullPath', value: path.replaceFullPath };
    case 'ReplacePrefixMatch': {
      if (path.replacePrefixMatch === undefined) return invalid('type ReplacePrefixMatch needs replacePrefixMatch');
      const [only, ...others] = context.matches;
      const pathType = only?.path?.type ?? 'PathPrefix';
      if (!only || others.length > 0 || pathType !== 'PathPrefix') {
        return invalid(`ReplacePrefixMatch needs the rule to have exactly one match, of type PathPrefix (it has ${context.matches.length}, the first of type ${pathType})`);
      }
      return { type: 'ReplacePrefixMatch', prefix: only.path?.value ?? '/', value: path.replacePrefixMatch };
    }
    default:
      return invalid(`path modifier type "${path.type}" is not supported (one of ReplaceFullPath, ReplacePrefixMatch)`);
  }
}
