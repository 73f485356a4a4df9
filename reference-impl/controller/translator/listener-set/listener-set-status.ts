// The desired status of a ListenerSet: Accepted as decided when it was translated, Programmed (True once it is
// accepted and its Gateway is programmed, else the reason it is not), and one entry per listener with the same
// conditions a Gateway's listener has and the routes attached to that listener through the set.
import { ListenerSetConditionType, ListenerSetReason } from '../condition-names.ts';
import { type DesiredCondition, falseCondition, settleConditions, trueCondition } from '../conditions.ts';
import { listenerConditions } from '../listener-conditions.ts';
import type { RouteAttachment } from '../route-translation.ts';
import type { ListenerStatus } from '../snapshot.ts';
import type { ListenerSetStatus } from './listener-set-object.ts';
import type { ListenerSetInTranslation } from './listener-set-translation.ts';

export function listenerSetStatus(set: ListenerSetInTranslation, attachments: readonly RouteAttachment<unknown>[], gatewayProgrammed: boolean, now: string): ListenerSetStatus {
  const context = { generation: set.object.metadata.generation, now };
  const programmed = programmedCondition(set.accepted, gatewayProgrammed);
  const listeners: ListenerStatus[] = set.listeners.map((listener) => {
    const routes = new Set(attachments.filter((attachment) => attachment.listener === listener).map((attachment) => attachment.routeKey));
    const stored = set.object.status?.listeners?.find((entry) => entry.name === listener.spec.name);
    return {
      name: listener.spec.name,
      supportedKinds: listener.supportedKinds,
      attachedRoutes: routes.size,
      conditions: settleConditions(listenerConditions(listener, programmed.status === 'True'), stored?.conditions, context),
    };
  });
  return { conditions: settleConditions([set.accepted, programmed], set.object.status?.conditions, context), listeners };
}

function programmedCondition(accepted: DesiredCondition, gatewayProgrammed: boolean): DesiredCondition {
  const { Programmed } = ListenerSetConditionType;
  // A refused set is not programmed for the same reason it is refused.
  if (accepted.status !== 'True') return falseCondition(Programmed, accepted.reason, accepted.message);
  if (!gatewayProgrammed) return falseCondition(Programmed, ListenerSetReason.Pending, 'waiting for the parent Gateway to be programmed');
  return trueCondition(Programmed, ListenerSetReason.Programmed, "the ListenerSet's valid listeners are configured on the Gateway's proxy");
}
