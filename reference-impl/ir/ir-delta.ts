// The two halves of the config stream's deltas (ConfigStreamDelta in gateway-ir.ts), kept beside each other so
// they cannot drift: the frame of an IR (everything but its virtual hosts), and the IR a delta makes of its base.
// The controller finds what changed (controller/config-server/ir-changes.ts); the proxy applies it here.
import type { ConfigStreamDelta, GatewayIR, PortListenerIR, VirtualHostIR } from './gateway-ir.ts';

/** The IR with every port's virtual hosts left out: what a delta always carries whole (it is small). */
export function frameOf(ir: GatewayIR): GatewayIR {
  return { ...ir, listeners: ir.listeners.map((listener) => ({ ...listener, virtualHosts: [] })) };
}

/** The order virtual hosts are kept in: by hostname, in code unit order. */
export function compareHostnames(a: string, b: string): number {
  return a < b ? -1 : Number(a > b);
}

/** The IR `delta` makes of `base`, which must be the IR of `delta.baseVersion`. */
export function applyIrDelta(base: GatewayIR, delta: Pick<ConfigStreamDelta, 'frame' | 'hosts'>): GatewayIR {
  const basePorts = new Map(base.listeners.map((listener) => [listener.port, listener]));
  const changes = new Map(delta.hosts.map((change) => [change.port, change]));
  const listeners = delta.frame.listeners.map((listener): PortListenerIR => {
    const before = basePorts.get(listener.port)?.virtualHosts ?? [];
    const change = changes.get(listener.port);
    if (change === undefined) return { ...listener, virtualHosts: before };
    return { ...listener, virtualHosts: changedHosts(before, change.changed, change.removed) };
  });
  return { ...delta.frame, listeners };
}

function changedHosts(before: readonly VirtualHostIR[], changed: readonly VirtualHostIR[], removed: readonly string[]): VirtualHostIR[] {
  const hosts = new Map(before.map((host) => [host.hostname, host]));
  for (const hostname of removed) hosts.delete(hostname);
  for (const host of changed) hosts.set(host.hostname, host);
  return [...hosts.values()].sort((a, b) => compareHostnames(a.hostname, b.hostname));
}
