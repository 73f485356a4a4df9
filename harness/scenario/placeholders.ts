// Placeholders in manifests, replaced when they are loaded. Fixtures must not hard-code what the run picks:
// any string value in a manifest may contain
//   ${GATEWAY_CLASS_NAME}       the selected GatewayClass (`--gateway-class`, default `gauntlet`);
//   ${GATEWAY_CONTROLLER_NAME}  that class's spec.controllerName, for scenarios that create a GatewayClass of
//                               their own for the implementation under test. Known for the reference class;
//                               for another class the run must be told (`--gateway-controller-name`).
//   ${USABLE_ADDRESS} ${USABLE_ADDRESS_TYPE}      an address the implementation can give a Gateway, and its type
//   ${UNUSABLE_ADDRESS} ${UNUSABLE_ADDRESS_TYPE}  one it cannot (`--usable-address`, `--unusable-address`; on the
//                               local cluster a free address of its on-request pool and 192.0.2.10 by default), as
//                               upstream's suite is given them for GatewayStaticAddresses.
// Any other `${...}` is an error, so a typo in a placeholder never reaches the cluster as a literal; so is a
// known placeholder the run has no value for, except the addresses: a scenario needing one the run lacks is
// skipped, saying which flag gives it (RUN_VALUE_PLACEHOLDERS).
//
//   GATEWAY_CLASS_PLACEHOLDER, GATEWAY_CONTROLLER_PLACEHOLDER, PLACEHOLDER_NAMES
//   substitutePlaceholders(value, vars): { value, unknown: string[], unavailable: string[] }

// Built from parts: a literal '${...}' in a plain string reads like a forgotten template literal.
export const GATEWAY_CLASS_PLACEHOLDER = `$${'{'}GATEWAY_CLASS_NAME}`;
export const GATEWAY_CONTROLLER_PLACEHOLDER = `$${'{'}GATEWAY_CONTROLLER_NAME}`;

export const PLACEHOLDER_NAMES = [
  'GATEWAY_CLASS_NAME',
  'GATEWAY_CONTROLLER_NAME',
  'USABLE_ADDRESS',
  'USABLE_ADDRESS_TYPE',
  'UNUSABLE_ADDRESS',
  'UNUSABLE_ADDRESS_TYPE',
] as const;

/** Placeholders whose lack skips the scenario (with the flag that gives them) instead of failing the load. */
export const RUN_VALUE_PLACEHOLDERS: ReadonlyMap<string, string> = new Map([
  ['USABLE_ADDRESS', '--usable-address'],
  ['USABLE_ADDRESS_TYPE', '--usable-address'],
  ['UNUSABLE_ADDRESS', '--unusable-address'],
  ['UNUSABLE_ADDRESS_TYPE', '--unusable-address'],
]);

/** A Gateway spec.addresses entry. */
export interface GatewayAddressValue {
  type: string;
  value: string;
}

export interface PlaceholderValues {
  gatewayClassName: string;
  /** The class's spec.controllerName; absent when the run does not know it. */
  gatewayControllerName?: string;
  /** Addresses the implementation can and cannot give a Gateway; absent when the run was given none. */
  usableAddress?: GatewayAddressValue;
  unusableAddress?: GatewayAddressValue;
}

const placeholderPattern = /\$\{([^}]*)\}/g;

function valuesByName(vars: PlaceholderValues): Map<string, string | undefined> {
  return new Map([
    ['GATEWAY_CLASS_NAME', vars.gatewayClassName],
    ['GATEWAY_CONTROLLER_NAME', vars.gatewayControllerName],
    ['USABLE_ADDRESS', vars.usableAddress?.value],
    ['USABLE_ADDRESS_TYPE', vars.usableAddress?.type],
    ['UNUSABLE_ADDRESS', vars.unusableAddress?.value],
    ['UNUSABLE_ADDRESS_TYPE', vars.unusableAddress?.type],
  ]);
}

/**
 * Returns a deep copy with every placeholder that has a value replaced; `unknown` names the placeholders that
 * do not exist, `unavailable` the known ones without a value in this run. Both are left in place.
 */
export function substitutePlaceholders<T>(value: T, vars: PlaceholderValues): { value: T; unknown: string[]; unavailable: string[] } {
  const known = valuesByName(vars);
  const unknown = new Set<string>();
  const unavailable = new Set<string>();
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(placeholderPattern, (whole, name: string) => {
        if (!known.has(name)) unknown.add(name);
        const replacement = known.get(name);
        if (replacement === undefined) {
          if (known.has(name)) unavailable.add(name);
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
  return { value: visit(value) as T, unknown: [...unknown], unavailable: [...unavailable] };
}
