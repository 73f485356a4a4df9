// The host listeners that make a Service reachable, as kube-proxy and a cloud load balancer would: each
// TCP port on the LoadBalancer address (when the cluster may bind that port), and each NodePort on the
// node's address (always: Kubernetes serves the NodePorts of NodePort and LoadBalancer Services).
import type { Service, ServicePort } from './kube-shapes.ts';
import type { PodPortMapping } from './pod-port-mapping.ts';

export interface WantedListener {
  /** "host:port" */
  key: string;
  host: string;
  port: number;
  servicePort: ServicePort;
}

export interface ListenerPlan {
  listeners: WantedListener[];
  /** Ports of the LoadBalancer address the cluster may not bind, each with what to say about it. */
  unbound: { servicePort: ServicePort; message: string }[];
  /** Ports that are not forwarded at all (UDP, SCTP). */
  notForwarded: ServicePort[];
}

export function planServiceListeners(service: Service, loadBalancerIp: string | undefined, nodeAddress: string, mapping: PodPortMapping): ListenerPlan {
  const plan: ListenerPlan = { listeners: [], unbound: [], notForwarded: [] };
  for (const servicePort of service.spec.ports ?? []) {
    if ((servicePort.protocol ?? 'TCP') !== 'TCP') {
      plan.notForwarded.push(servicePort);
      continue;
    }
    const { port, nodePort } = servicePort;
    if (nodePort !== undefined) plan.listeners.push({ key: `${nodeAddress}:${nodePort}`, host: nodeAddress, port: nodePort, servicePort });
    if (loadBalancerIp === undefined) continue;
    if (mapping.canBind(port)) {
      plan.listeners.push({ key: `${loadBalancerIp}:${port}`, host: loadBalancerIp, port, servicePort });
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
