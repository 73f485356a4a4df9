// What a pod's own network namespace gives and the local cluster's shared one does not: any port, 80
// included, even when the cluster runs without the privilege to bind ports below
// net.ipv4.ip_unprivileged_port_start (1024 by default). Then such a port P of a pod address is served on
// P + MAPPED_PORT_OFFSET of the same address (80 -> 10080): the pod sandbox moves the pod's own
// listen() there and every connect() of a pod to it, and the runtime (probes, kube-proxy) dials it there too.
// With the privilege (root, CAP_NET_BIND_SERVICE, a lowered sysctl) nothing is mapped.
import type { AddressBlock } from './address-block.ts';

export const MAPPED_PORT_OFFSET = 10_000;
/** Ports from here on can be bound by anyone on every system this runs on. */
export const UNPRIVILEGED_PORTS_FROM = 1024;

export class PodPortMapping {
  readonly pods: AddressBlock;
  /** Ports below this are mapped on pod addresses; 0 when nothing is. */
  readonly mappedBelow: number;

  constructor(pods: AddressBlock, mappedBelow: number) {
    this.pods = pods;
    this.mappedBelow = Math.min(Math.max(0, mappedBelow), UNPRIVILEGED_PORTS_FROM);
  }

  /** Whether the cluster binds `port` itself (on LoadBalancer addresses, say), or must go through a mapping. */
  canBind(port: number): boolean {
    return port === 0 || port >= this.mappedBelow;
  }

  /** Where port `port` of `address` is actually served on this host. */
  hostPort(address: string, port: number): number {
    return !this.canBind(port) && this.pods.contains(address) ? port + MAPPED_PORT_OFFSET : port;
  }

  /** The port a pod sees for one this host serves (the inverse of hostPort). */
  podPort(address: string, hostPort: number): number {
    const original = hostPort - MAPPED_PORT_OFFSET;
    return original > 0 && !this.canBind(original) && this.pods.contains(address) ? original : hostPort;
  }
}
