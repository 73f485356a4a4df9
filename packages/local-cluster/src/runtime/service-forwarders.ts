// The forwarders one Service has on this host (see service-listeners.ts for which), kept in step with the
// listener plan, and the answer to "where does this host reach port P of its LoadBalancer address".
import type { Service } from './kube-shapes.ts';
import { type ForwardedProtocol, listenerKey, type WantedListener } from './service-listeners.ts';
import { type ForwardTarget, TcpForwarder } from './tcp-forwarder.ts';
import { UdpForwarder } from './udp-forwarder.ts';

export interface ServiceForwarders {
  uid: string;
  /** The LoadBalancer address, for Services of that type (undefined while a requested one is refused). */
  ip: string | undefined;
  /** What the address was chosen for: '' (none wanted), '*' (any) or the address asked for; another means stale. */
  addressWanted: string;
  /** "host:port" (TCP) or "host:port/UDP" -> listener */
  forwarders: Map<string, TcpForwarder | UdpForwarder>;
  /** What was already said about this Service's ports (events and log lines are not repeated). */
  reported: Set<string>;
}

/** Closes the listeners no longer wanted, opens the missing ones. */
export async function applyListeners(
  service: ServiceForwarders,
  wanted: readonly WantedListener[],
  pick: (listener: WantedListener) => ForwardTarget | undefined,
): Promise<void> {
  const byKey = new Map(wanted.map((listener) => [listener.key, listener]));
  for (const [key, forwarder] of service.forwarders) {
    if (byKey.has(key)) continue;
    service.forwarders.delete(key);
    await forwarder.close();
  }
  for (const [key, listener] of byKey) {
    if (service.forwarders.has(key)) continue;
    const open = listener.protocol === 'UDP' ? UdpForwarder.listen : TcpForwarder.listen;
    service.forwarders.set(key, await open(listener.host, listener.port, () => pick(listener)));
  }
}

/** Port `port` (of `protocol`) of the LoadBalancer address: served there, else through its NodePort on the node, else nowhere. */
export function routeOf(forwarders: ServiceForwarders, service: Service | undefined, port: number, nodeAddress: string, protocol: ForwardedProtocol = 'TCP'): ForwardTarget | undefined {
  const { ip } = forwarders;
  if (ip && forwarders.forwarders.has(listenerKey(ip, port, protocol))) return { host: ip, port };
  const nodePort = service?.spec.ports?.find((p) => p.port === port && (p.protocol ?? 'TCP') === protocol)?.nodePort;
  return nodePort !== undefined && forwarders.forwarders.has(listenerKey(nodeAddress, nodePort, protocol)) ? { host: nodeAddress, port: nodePort } : undefined;
}

export function reportOnce(service: ServiceForwarders, what: string, report: () => void): void {
  if (service.reported.has(what)) return;
  service.reported.add(what);
  report();
}
