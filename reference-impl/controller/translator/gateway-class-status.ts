// GatewayClass status: every class naming our controller is accepted (it has no parameters to check).
import { settleConditions, trueCondition } from './conditions.ts';
import type { GatewayClassObject } from './snapshot.ts';

export function gatewayClassStatus(gatewayClass: GatewayClassObject, now: string): { conditions: ReturnType<typeof settleConditions> } {
  return {
    conditions: settleConditions(
      [trueCondition('Accepted', 'Accepted', 'the GatewayClass is handled by this controller')],
      gatewayClass.status?.conditions,
      { generation: gatewayClass.metadata.generation, now },
    ),
  };
}
