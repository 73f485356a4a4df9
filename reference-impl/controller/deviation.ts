// Deliberate deviations from the specification, one at a time, chosen with the controller's DEVIATE setting.
// They exist so that Gauntlet's side-by-side run (`gauntlet run --gateway-class gauntlet --gateway-class
// gauntlet-altered`) can be shown, and tested, against a second implementation that differs in one known
// behaviour. Unset (the default), the controller follows the specification. Applied to the IR after the pure
// translation, so the translator itself has no such switch.
import type { BackendIR, GatewayIR } from '../ir/gateway-ir.ts';

/**
 * `equal-backend-weights`: every backendRef with a non-zero weight gets weight 1 (a 70/30 split becomes 50/50).
 * `slow-proxy`: the proxies this controller provisions hold every request SLOW_PROXY_DELAY_MS before routing it
 * (what `gauntlet compare` is shown against: a regression on purpose; the translation is untouched).
 */
export const DEVIATIONS = ['equal-backend-weights', 'slow-proxy'] as const;
export type Deviation = (typeof DEVIATIONS)[number];

export const SLOW_PROXY_DELAY_MS = 15;

/** What the provisioned proxies' environment gains under a deviation (slow-proxy: ADDED_LATENCY_MS). */
export function proxyEnvironmentFor(deviation: Deviation | undefined): { name: string; value: string }[] {
  return deviation === 'slow-proxy' ? [{ name: 'ADDED_LATENCY_MS', value: String(SLOW_PROXY_DELAY_MS) }] : [];
}

export function isDeviation(name: string): name is Deviation {
  return (DEVIATIONS as readonly string[]).includes(name);
}

function equalWeights(backends: BackendIR[]): BackendIR[] {
  return backends.map((backend) => (backend.weight === 0 ? backend : { ...backend, weight: 1 }));
}

/** The IRs as the deviating controller serves them. */
export function applyDeviation(irs: Map<string, GatewayIR>, deviation: Deviation | undefined): Map<string, GatewayIR> {
  if (deviation !== 'equal-backend-weights') return irs;
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
