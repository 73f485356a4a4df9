// Placeholders in manifests, replaced when they are loaded. Fixtures must not hard-code the GatewayClass:
// the run picks it (`--gateway-class`, default `gauntlet`). The rule: any string value in a manifest may
// contain `${GATEWAY_CLASS_NAME}`; it becomes the selected class name. Any other `${...}` is an error, so a
// typo in a placeholder never reaches the cluster as a literal.
//
//   GATEWAY_CLASS_PLACEHOLDER = '${GATEWAY_CLASS_NAME}'
//   substitutePlaceholders(value, vars): { value, unknown: string[] }

// Built from parts: a literal '${...}' in a plain string reads like a forgotten template literal.
export const GATEWAY_CLASS_PLACEHOLDER = `$${'{'}GATEWAY_CLASS_NAME}`;

export interface PlaceholderValues {
  gatewayClassName: string;
}

const placeholderPattern = /\$\{([^}]*)\}/g;

function valuesByName(vars: PlaceholderValues): Map<string, string> {
  return new Map([['GATEWAY_CLASS_NAME', vars.gatewayClassName]]);
}

/** Returns a deep copy with every known placeholder replaced, and the unknown placeholder names found. */
export function substitutePlaceholders<T>(value: T, vars: PlaceholderValues): { value: T; unknown: string[] } {
  const known = valuesByName(vars);
  const unknown = new Set<string>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(placeholderPattern, (whole, name: string) => {
        const replacement = known.get(name);
        if (replacement === undefined) {
          unknown.add(name);
          return whole;
        }
        return replacement;
      });
    }
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item)]));
    }
    return node;
  };
  return { value: visit(value) as T, unknown: [...unknown] };
}
