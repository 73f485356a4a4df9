// The conditions of one listener of an accepted or refused Gateway: Accepted (protocol, conflicts), Programmed
// (configured on the proxy once the Gateway is), ResolvedRefs (certificates of a listener terminating TLS, route
// kinds) and Conflicted.
import { ListenerConditionType, ListenerReason } from './condition-names.ts';
import { type DesiredCondition, falseCondition, trueCondition } from './conditions.ts';
import { listenerIsServed, type ValidatedListener } from './listener-validation.ts';
import { SERVED_LISTENER_PROTOCOLS } from './route-kind-catalog.ts';

export function listenerConditions(listener: ValidatedListener, gatewayProgrammed: boolean): DesiredCondition[] {
  const { spec } = listener;
  const { Accepted, Programmed, Conflicted } = ListenerConditionType;
  // The spec: all indistinct (conflicted) listeners are left unaccepted; none is picked as the winner.
  let accepted: DesiredCondition;
  if (!listener.protocolSupported) {
    accepted = falseCondition(Accepted, ListenerReason.UnsupportedProtocol, `protocol ${spec.protocol} is not supported; use ${SERVED_LISTENER_PROTOCOLS.slice(0, -1).join(', ')} or ${SERVED_LISTENER_PROTOCOLS.at(-1)}`);
  } else if (listener.conflict) accepted = falseCondition(Accepted, listener.conflict, `not accepted: conflicts with another listener on port ${spec.port}`);
  else accepted = trueCondition(Accepted, ListenerReason.Accepted, 'the listener is accepted');
  const resolvedRefs = resolvedRefsCondition(listener);
  const conflicted = listener.conflict
    ? trueCondition(Conflicted, listener.conflict, `another listener on port ${spec.port} conflicts with this one (${listener.conflict})`)
    : falseCondition(Conflicted, ListenerReason.NoConflicts, 'no conflicts');
  let programmed: DesiredCondition;
  if (listener.conflict) programmed = falseCondition(Programmed, listener.conflict, 'the listener conflicts with another and is not configured');
  else if (!listenerIsServed(listener)) programmed = falseCondition(Programmed, ListenerReason.Invalid, notServedMessage(listener));
  else if (gatewayProgrammed) programmed = trueCondition(Programmed, ListenerReason.Programmed, 'the listener is configured on the proxy');
  else programmed = falseCondition(Programmed, ListenerReason.Pending, 'waiting for the Gateway to be programmed');
  return [accepted, programmed, resolvedRefs, conflicted];
}

/** ResolvedRefs: certificates first (they decide whether the listener serves), then route kinds; every problem is named. */
function resolvedRefsCondition(listener: ValidatedListener): DesiredCondition {
  const { ResolvedRefs } = ListenerConditionType;
  const certificateProblem = listener.certificates?.problem;
  const kindsProblem =
    listener.invalidKinds.length === 0 ? undefined : `unsupported route kinds: ${listener.invalidKinds.map((kind) => `${kind.group}/${kind.kind}`).join(', ')}`;
  if (certificateProblem) {
    return falseCondition(ResolvedRefs, certificateProblem.reason, [certificateProblem.message, kindsProblem].filter((part) => part !== undefined).join('; '));
  }
  if (kindsProblem) return falseCondition(ResolvedRefs, ListenerReason.InvalidRouteKinds, kindsProblem);
  return trueCondition(ResolvedRefs, ListenerReason.ResolvedRefs, 'all references are resolved');
}

function notServedMessage(listener: ValidatedListener): string {
  if (listener.certificates !== undefined && listener.certificates.resolved.length === 0) {
    return `the listener is not configured: none of its certificates resolved (${listener.certificates.problem?.message ?? 'no certificateRefs'})`;
  }
  return 'the listener is not valid and is not configured';
}
