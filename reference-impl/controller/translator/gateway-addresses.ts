// A Gateway's spec.addresses against what its LoadBalancer Service was given. The proxy's Service asks for one
// IP address (spec.loadBalancerIP, what clouds and MetalLB honour): the first IPAddress entry with a value. What the
// load balancer answered comes in through the snapshot (ObservedInfra): the ingress it assigned, and, when it
// refused the request, why (a condition on the Service). From them: the addresses to report in status (only those
// really assigned) and whether an address keeps the Gateway from being programmed: unusable (refused, or a second
// IP address a single Service cannot carry) or not assigned yet.
import { GatewayConditionType, GatewayReason } from './condition-names.ts';
import { type DesiredCondition, falseCondition } from './conditions.ts';
import type { GatewayObject, ObservedInfra } from './snapshot.ts';

type SpecAddress = NonNullable<GatewayObject['spec']['addresses']>[number];

export interface GatewayStatusAddress {
  type: string;
  value: string;
}

/** IPAddress entries naming an address (an entry without a type is an IPAddress; one without a value asks for any). */
function requestedIps(requested: readonly SpecAddress[]): string[] {
  return requested.filter((address) => (address.type ?? 'IPAddress') === 'IPAddress' && address.value).map((address) => address.value as string);
}

/** The address the proxy's Service asks its load balancer for, if the Gateway names one. */
export function requestedLoadBalancerIp(gateway: GatewayObject): string | undefined {
  return requestedIps(gateway.spec.addresses ?? [])[0];
}

/** The addresses the load balancer really gave, typed as the ingress says. */
export function assignedAddresses(infra: ObservedInfra | undefined): GatewayStatusAddress[] {
  return (infra?.ingress ?? []).flatMap((ingress) => {
    if (ingress.ip) return [{ type: 'IPAddress', value: ingress.ip }];
    if (ingress.hostname) return [{ type: 'Hostname', value: ingress.hostname }];
    return [];
  });
}

/** Programmed False because of an address, or undefined when the addresses are all given. */
export function addressProblem(requested: readonly SpecAddress[], assigned: GatewayStatusAddress[], infra: ObservedInfra | undefined): DesiredCondition | undefined {
  const { Programmed } = GatewayConditionType;
  const [asked, ...extra] = requestedIps(requested);
  // Only while the Service still asks for that address: after a change the refusal may be about the previous one.
  if (asked !== undefined && infra?.addressRefusal && infra.loadBalancerIp === asked) {
    return falseCondition(
      Programmed,
      GatewayReason.AddressNotUsable,
      `the load balancer cannot use the requested address ${asked} (${infra.addressRefusal.reason}: ${infra.addressRefusal.message}); request another or leave its value empty`,
    );
  }
  if (extra.length > 0) {
    return falseCondition(
      Programmed,
      GatewayReason.AddressNotUsable,
      `requested addresses ${extra.join(', ')} cannot be used: this implementation serves a Gateway on one IP address (its LoadBalancer Service's), ${asked}; remove the others from spec.addresses`,
    );
  }
  if (assigned.length === 0) return falseCondition(Programmed, GatewayReason.AddressNotAssigned, 'the proxy Service has no LoadBalancer address yet');
  // A requested value counts only once it is what was given (a Hostname never is: the load balancer gives IPs).
  const missing = requested.filter((address) => address.value && !assigned.some((given) => given.value === address.value)).map((address) => address.value);
  if (missing.length > 0) {
    return falseCondition(
      Programmed,
      GatewayReason.AddressNotAssigned,
      `requested addresses ${missing.join(', ')} were not assigned (the LoadBalancer Service got ${assigned.map((given) => given.value).join(', ')}); remove them from spec.addresses or leave their value empty`,
    );
  }
  return undefined;
}
