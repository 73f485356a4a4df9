// Which scenarios a run of one Gateway API release channel can run. The experimental channel's CRDs are a
// superset of the standard ones, so an experimental run runs everything; a standard run skips a scenario that
// declares `channel: experimental` (its manifests use fields only those CRDs have), saying why.
import type { GatewayApiChannel } from '../kube/gateway-api-crds.ts';
import type { Scenario } from '../scenario/scenario-types.ts';

export interface ChannelSkip {
  scenario: Scenario;
  reason: string;
}

export interface ChannelSelection {
  runnable: Scenario[];
  skipped: ChannelSkip[];
}

export const GATEWAY_API_CHANNELS: readonly GatewayApiChannel[] = ['standard', 'experimental'];

export function selectForChannel(scenarios: readonly Scenario[], channel: GatewayApiChannel): ChannelSelection {
  const selection: ChannelSelection = { runnable: [], skipped: [] };
  for (const scenario of scenarios) {
    if (scenario.channel === 'experimental' && channel === 'standard') {
      selection.skipped.push({
        scenario,
        reason: `needs the Gateway API experimental channel (its manifests use fields only those CRDs have); run with --channel experimental`,
      });
    } else {
      selection.runnable.push(scenario);
    }
  }
  return selection;
}
