// What changed between two IRs of one Gateway, found from their JSON: the frame (the IR without virtual hosts)
// and each virtual host, per port. Equal JSON is no change (the translator builds an IR's keys in one order).
// A virtual host's JSON is written from its rules' kept JSON (gateway-ir-json.ts), so with 1,000 routes finding
// the one host that changed costs little more than writing that host.
import type { GatewayIR, VirtualHostChange } from '../../ir/gateway-ir.ts';
import { frameOf } from '../../ir/ir-delta.ts';
import { virtualHostJson } from './gateway-ir-json.ts';

/** An IR as JSON pieces: the frame's, and each virtual host's by port and hostname. */
export interface IrPieces {
  frameJson: string;
  hosts: Map<number, Map<string, string>>;
}

export function piecesOf(ir: GatewayIR): IrPieces {
  const hosts = new Map<number, Map<string, string>>();
  for (const listener of ir.listeners) hosts.set(listener.port, new Map(listener.virtualHosts.map((host) => [host.hostname, virtualHostJson(host)])));
  return { frameJson: JSON.stringify(frameOf(ir)), hosts };
}

/** The virtual hosts of `next` that differ from `previous`'s, per port of `next`; empty when none does. */
export function virtualHostChanges(previous: IrPieces, next: IrPieces, ir: GatewayIR): VirtualHostChange[] {
  const changes: VirtualHostChange[] = [];
  for (const listener of ir.listeners) {
    const before = previous.hosts.get(listener.port) ?? new Map<string, string>();
    const after = next.hosts.get(listener.port) ?? new Map<string, string>();
    const changed = listener.virtualHosts.filter((host) => before.get(host.hostname) !== after.get(host.hostname));
    const removed = [...before.keys()].filter((hostname) => !after.has(hostname));
    if (changed.length > 0 || removed.length > 0) changes.push({ port: listener.port, changed, removed });
  }
  return changes;
}

/** True when the two IRs' JSON is the same. */
export function samePieces(a: IrPieces, b: IrPieces): boolean {
  if (a.frameJson !== b.frameJson || a.hosts.size !== b.hosts.size) return false;
  for (const [port, hosts] of a.hosts) {
    const other = b.hosts.get(port);
    if (other === undefined || other.size !== hosts.size) return false;
    for (const [hostname, json] of hosts) if (other.get(hostname) !== json) return false;
  }
  return true;
}
