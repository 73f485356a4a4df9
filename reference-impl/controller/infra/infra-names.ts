// Names and labels of the objects provisioned for a Gateway. Gateway names may be up to 253
// characters and contain dots; Service names and label values are limited to 63 characters of
// [a-z0-9-], so long names are truncated and made unique again with a short hash.
import { createHash } from 'node:crypto';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'gauntlet-controller';
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
export const COMPONENT_LABEL = 'app.kubernetes.io/name';
export const PROXY_COMPONENT = 'gauntlet-proxy';

const MAX_NAME = 63;

/** `gauntlet-<gateway name>`, valid as a Service and Deployment name. */
export function infraName(gatewayName: string): string {
  return fitLabel(`gauntlet-${gatewayName.replaceAll('.', '-')}`, gatewayName);
}

/** The Gateway's name as a label value (shortened the same way when too long). */
export function gatewayLabelValue(gatewayName: string): string {
  return gatewayName.length <= MAX_NAME ? gatewayName : fitLabel(gatewayName.replaceAll('.', '-'), gatewayName);
}

/** Labels on every provisioned object, also the pods' selector. */
export function proxySelectorLabels(gatewayName: string): Record<string, string> {
  return { [GATEWAY_NAME_LABEL]: gatewayLabelValue(gatewayName), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [COMPONENT_LABEL]: PROXY_COMPONENT };
}

function fitLabel(candidate: string, original: string): string {
  if (candidate.length <= MAX_NAME) return candidate;
  const hash = createHash('sha256').update(original).digest('hex').slice(0, 8);
  const head = candidate.slice(0, MAX_NAME - hash.length - 1).replace(/-+$/, '');
  return `${head}-${hash}`;
}
