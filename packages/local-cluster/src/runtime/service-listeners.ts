// The host listeners that make a Service reachable, as kube-proxy and a cloud load balancer would: each
// TCP and UDP port on the LoadBalancer address (when the cluster may bind that port), and each NodePort on the
// node's address (always: Kubernetes serves the NodePorts of NodePort and LoadBalancer Services). A UDP
// listener's key ends in /UDP: a port number may be served over both transports.
import type { Service, ServicePort } from './kube-shapes.ts';
import type { PodPortMapping } from './pod-port-mapping.ts';

export type ForwardedProtocol = 'TCP' | 'UDP';

export interface WantedListener {
  /** "host:port" (TCP) or "host:port/UDP" */
  key: string;
  protocol: ForwardedProtocol;
  host: string;
  port: number;
  servicePort: ServicePort;
}

export interface ListenerPlan {
  listeners: WantedListener[];
  /** Ports of the LoadBalancer address the cluster may not bind, each with what to say about it. */
  unbound: { servicePort: ServicePort; message: string }[];
  /** Ports that are not forwarded at all (SCTP). */
  notForwarded: ServicePort[];
}

export function planServiceListeners(service: Service, loadBalancerIp: string | undefined, nodeAddress: string, mapping: PodPortMapping): ListenerPlan {
  const plan: ListenerPlan = { listeners: [], unbound: [], notForwarded: [] };
  for (const servicePort of service.spec.ports ?? []) {
    const protocol = servicePort.protocol ?? 'TCP';
    if (protocol !== 'TCP' && protocol !== 'UDP') {
      plan.notForwarded.push(servicePort);
      continue;
    }
    const { port, nodePort } = servicePort;
    if (nodePort !== undefined) plan.listeners.push({ key: listenerKey(nodeAddress, nodePort, protocol), protocol, host: nodeAddress, port: nodePort, servicePort });
    if (loadBalancerIp === undefined) continue;
    if (mapping.canBind(port)) {
      plan.listeners.push({ key: listenerKey(loadBalancerIp, port, protocol), protocol, host: loadBalancerIp, port, servicePort });
      continue;
    }
    const without = `port ${port} of ${loadBalancerIp} cannot be bound: ports below ${mapping.mappedBelow} need privileges this cluster lacks`;
    plan.unbound.push({
      servicePort,
      message:
        nodePort === undefined
          ? `${without}, and the Service has no NodePort for it (allocateLoadBalancerNodePorts: false): it is not reachable from this host`
          : `${without}; it is served on the node instead, ${nodeAddress}:${nodePort} (the port's NodePort)`,
    });
  }
  return plan;
}

/** The key of a host listener: "host:port" for TCP, "host:port/UDP" for UDP. */
export function listenerKey(host: string, port: number, protocol: ForwardedProtocol): string {
  return protocol === 'TCP' ? `${host}:${port}` : `${host}:${port}/UDP`;
}
