// Deliberate deviations from the specification, one at a time, chosen with the controller's DEVIATE setting.
// They exist so that Gauntlet's side-by-side run (`gauntlet run --gateway-class gauntlet --gateway-class
// gauntlet-altered`) can be shown, and tested, against a second implementation that differs in one known
// behaviour. Unset (the default), the controller follows the specification. Applied to the IR after the pure
// translation, so the translator itself has no such switch.
import type { BackendIR, GatewayIR } from '../ir/gateway-ir.ts';

/** `equal-backend-weights`: every backendRef with a non-zero weight gets weight 1 (a 70/30 split becomes 50/50). */
export const DEVIATIONS = ['equal-backend-weights'] as const;
export type Deviation = (typeof DEVIATIONS)[number];

export function isDeviation(name: string): name is Deviation {
  return (DEVIATIONS as readonly string[]).includes(name);
}

function equalWeights(backends: BackendIR[]): BackendIR[] {
  return backends.map((backend) => (backend.weight === 0 ? backend : { ...backend, weight: 1 }));
}

/** The IRs as the deviating controller serves them. */
export function applyDeviation(irs: Map<string, GatewayIR>, deviation: Deviation | undefined): Map<string, GatewayIR> {
  if (deviation === undefined) return irs;
  const changed = new Map<string, GatewayIR>();
  for (const [key, ir] of irs) {
    changed.set(key, {
      ...ir,
      listeners: ir.listeners.map((listener) => ({
        ...listener,
        virtualHosts: listener.virtualHosts.map((vhost) => ({ ...vhost, rules: vhost.rules.map((rule) => ({ ...rule, backends: equalWeights(rule.backends) })) })),
      })),
    });
  }
  return changed;
}
