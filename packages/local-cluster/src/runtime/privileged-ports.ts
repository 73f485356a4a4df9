// Whether this cluster may bind ports below the unprivileged start (root, CAP_NET_BIND_SERVICE, or
// net.ipv4.ip_unprivileged_port_start lowered): found by trying, on the cluster's own node address, the
// highest port that needs the privilege. Without it, pod ports below the start are mapped (pod-port-mapping.ts)
// and LoadBalancers are reached through their NodePorts.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { UNPRIVILEGED_PORTS_FROM } from './pod-port-mapping.ts';

const SYSCTL = '/proc/sys/net/ipv4/ip_unprivileged_port_start';

/** 'auto' maps only when binding low ports is refused; 'mapped' always maps (to exercise that path as root). */
export type PrivilegedPortsMode = 'auto' | 'mapped';

/** The first port anyone may bind: the Linux sysctl, else the traditional 1024. */
export function unprivilegedPortStart(): number {
  try {
    const value = Number(readFileSync(SYSCTL, 'utf8').trim());
    return Number.isInteger(value) && value >= 0 ? value : UNPRIVILEGED_PORTS_FROM;
  } catch {
    return UNPRIVILEGED_PORTS_FROM;
  }
}

/** Ports below the returned number must be mapped on pod addresses; 0 when the cluster may bind any port. */
export async function portsToMapBelow(nodeAddress: string, mode: PrivilegedPortsMode): Promise<number> {
  const start = unprivilegedPortStart();
  if (mode === 'mapped') return start === 0 ? UNPRIVILEGED_PORTS_FROM : start;
  if (start === 0) return 0;
  return (await canListen(nodeAddress, start - 1)) ? 0 : start;
}

function canListen(host: string, port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen({ host, port }, () => server.close(() => resolve(true)));
  });
}
