// The proxy infrastructure one accepted Gateway needs: the ports its Deployment and LoadBalancer Service carry
// (TCP-based and UDP listeners apart), the address the Service asks for, and the labels and annotations
// spec.infrastructure propagates. Pure: the provisioner turns it into manifests (infra/proxy-manifests.ts).
import { requestedLoadBalancerIp } from './gateway-addresses.ts';
import type { ValidatedListener } from './listener-validation.ts';
import type { GatewayObject } from './snapshot.ts';
import type { InfraIntent } from './translation-result.ts';

/** `listeners`: the Gateway's own and those of the ListenerSets attached to it. */
export function infraIntentOf(gateway: GatewayObject, listeners: readonly ValidatedListener[]): InfraIntent {
  const portsOf = (udp: boolean) => [...new Set(listeners.filter((listener) => (listener.spec.protocol === 'UDP') === udp).map((listener) => listener.spec.port))].sort((a, b) => a - b);
  const { labels = {}, annotations = {} } = gateway.spec.infrastructure ?? {};
  const propagated = Object.keys(labels).length + Object.keys(annotations).length > 0 ? { infrastructure: { labels, annotations } } : {};
  const loadBalancerIp = requestedLoadBalancerIp(gateway);
  const { namespace = '', name, uid = '' } = gateway.metadata;
  return { gateway: { namespace, name, uid }, ports: portsOf(false), udpPorts: portsOf(true), ...(loadBalancerIp ? { loadBalancerIp } : {}), ...propagated };
}
