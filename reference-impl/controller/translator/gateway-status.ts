// The desired status of an accepted Gateway: its conditions, one entry per listener and the
// addresses observed on its LoadBalancer Service.
import { type DesiredCondition, falseCondition, settleConditions, trueCondition } from './conditions.ts';
import { listenerIsServed, type ValidatedListener } from './listener-validation.ts';
import type { GatewayObject, GatewayStatus, ListenerStatus, ObservedInfra } from './snapshot.ts';

export interface GatewayStatusInput {
  gateway: GatewayObject;
  listeners: ValidatedListener[];
  attachedRoutes: Map<string, number>;
  infra: ObservedInfra | undefined;
  now: string;
}

export function gatewayStatus(input: GatewayStatusInput): GatewayStatus {
  const { gateway, listeners, now } = input;
  const context = { generation: gateway.metadata.generation, now };
  const addresses = (input.infra?.ingress ?? []).flatMap((ingress) => {
    if (ingress.ip) return [{ type: 'IPAddress', value: ingress.ip }];
    if (ingress.hostname) return [{ type: 'Hostname', value: ingress.hostname }];
    return [];
  });
  const accepted = acceptedCondition(listeners);
  const programmed = accepted.status === 'True' ? programmedCondition(addresses.length > 0, input.infra) : falseCondition('Programmed', 'Invalid', 'the Gateway is not accepted');
  const listenerStatuses: ListenerStatus[] = listeners.map((listener) => {
    const stored = gateway.status?.listeners?.find((entry) => entry.name === listener.spec.name);
    return {
      name: listener.spec.name,
      supportedKinds: listener.supportedKinds,
      attachedRoutes: input.attachedRoutes.get(listener.spec.name) ?? 0,
      conditions: settleConditions(listenerConditions(listener, programmed.status === 'True'), stored?.conditions, context),
    };
  });
  return {
    ...(addresses.length > 0 ? { addresses } : {}),
    conditions: settleConditions([accepted, programmed], gateway.status?.conditions, context),
    listeners: listenerStatuses,
  };
}

function acceptedCondition(listeners: ValidatedListener[]): DesiredCondition {
  const invalid = listeners.filter((listener) => !listener.protocolSupported || listener.conflict !== undefined);
  if (invalid.length === 0) return trueCondition('Accepted', 'Accepted', 'the Gateway is accepted');
  const message = `listeners not valid: ${invalid.map((listener) => listener.spec.name).join(', ')}`;
  if (invalid.length < listeners.length) return trueCondition('Accepted', 'ListenersNotValid', message);
  return falseCondition('Accepted', 'ListenersNotValid', message);
}

function programmedCondition(hasAddress: boolean, infra: ObservedInfra | undefined): DesiredCondition {
  if (!hasAddress) return falseCondition('Programmed', 'AddressNotAssigned', 'the proxy Service has no LoadBalancer address yet');
  if ((infra?.readyReplicas ?? 0) < 1) return falseCondition('Programmed', 'Pending', 'waiting for a ready proxy replica');
  return trueCondition('Programmed', 'Programmed', 'the proxy is ready and has an address');
}

function listenerConditions(listener: ValidatedListener, gatewayProgrammed: boolean): DesiredCondition[] {
  const { spec } = listener;
  const accepted = listener.protocolSupported
    ? trueCondition('Accepted', 'Accepted', 'the listener is accepted')
    : falseCondition('Accepted', 'UnsupportedProtocol', `protocol ${spec.protocol} is not supported; use HTTP`);
  const resolvedRefs =
    listener.invalidKinds.length === 0
      ? trueCondition('ResolvedRefs', 'ResolvedRefs', 'all references are resolved')
      : falseCondition('ResolvedRefs', 'InvalidRouteKinds', `unsupported route kinds: ${listener.invalidKinds.map((kind) => `${kind.group}/${kind.kind}`).join(', ')}`);
  const conflicted = listener.conflict
    ? trueCondition('Conflicted', listener.conflict, `another listener on port ${spec.port} conflicts with this one (${listener.conflict})`)
    : falseCondition('Conflicted', 'NoConflicts', 'no conflicts');
  let programmed: DesiredCondition;
  if (!listenerIsServed(listener)) programmed = falseCondition('Programmed', 'Invalid', 'the listener is not valid and is not configured');
  else if (gatewayProgrammed) programmed = trueCondition('Programmed', 'Programmed', 'the listener is configured on the proxy');
  else programmed = falseCondition('Programmed', 'Pending', 'waiting for the Gateway to be programmed');
  return [accepted, programmed, resolvedRefs, conflicted];
}
