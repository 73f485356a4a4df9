// The addresses GatewayStaticAddresses needs, as upstream's suite takes them (--usable-address,
// --unusable-address: an IP address is typed IPAddress, anything else Hostname): one the implementation can give a
// Gateway and one it cannot. Only the run knows them, so scenarios name them by placeholder (${USABLE_ADDRESS},
// ${USABLE_ADDRESS_TYPE}, ${UNUSABLE_ADDRESS}, ${UNUSABLE_ADDRESS_TYPE}). On the local cluster the run offers
// defaults: a free address of the pool its LoadBalancers give on request (127.40.0.0/16), and 192.0.2.10
// (TEST-NET-1, reserved for documentation: in no pool, never served). Elsewhere a scenario needing an address
// the run was not given is skipped, naming the flag.
import { isIP } from 'node:net';
import { freeOnRequestAddress } from '@gauntlet/local-cluster';
import type { Command } from 'commander';
import type { GatewayAddressValue, PlaceholderValues } from '../scenario/placeholders.ts';
import { RUN_VALUE_PLACEHOLDERS } from '../scenario/placeholders.ts';
import type { Scenario } from '../scenario/scenario-types.ts';
import type { FeatureSkip } from './feature-selection.ts';

export interface StaticAddressFlagValues {
  usableAddress?: string;
  unusableAddress?: string;
}

export type StaticAddresses = Pick<PlaceholderValues, 'usableAddress' | 'unusableAddress'>;

/** Outside every pool of the local cluster (and of any real network: RFC 5737). */
export const LOCAL_UNUSABLE_ADDRESS = '192.0.2.10';

export function addStaticAddressFlags(command: Command): Command {
  return command
    .option('--usable-address <address>', 'an address the implementation can give a Gateway, for GatewayStaticAddresses (default on the local cluster: a free one of 127.40.0.0/16)')
    .option('--unusable-address <address>', `an address it cannot, for GatewayStaticAddresses (default on the local cluster: ${LOCAL_UNUSABLE_ADDRESS})`);
}

/** As upstream's suite reads the flags: an IP address is an IPAddress, anything else a Hostname. */
export function gatewayAddressOf(value: string): GatewayAddressValue {
  return { type: isIP(value) === 0 ? 'Hostname' : 'IPAddress', value };
}

/** The flags' addresses, with the local cluster's defaults for those not given. */
export async function staticAddressesFor(flags: StaticAddressFlagValues, localCluster: boolean): Promise<StaticAddresses> {
  const usable = flags.usableAddress ?? (localCluster ? await freeOnRequestAddress() : undefined);
  const unusable = flags.unusableAddress ?? (localCluster ? LOCAL_UNUSABLE_ADDRESS : undefined);
  return { ...(usable ? { usableAddress: gatewayAddressOf(usable) } : {}), ...(unusable ? { unusableAddress: gatewayAddressOf(unusable) } : {}) };
}

/** Scenarios whose manifests need addresses the run lacks, skipped (as a flag left them out) with the flags to pass. */
export function splitLackingAddresses(scenarios: readonly Scenario[]): { runnable: Scenario[]; skipped: FeatureSkip[] } {
  const runnable: Scenario[] = [];
  const skipped: FeatureSkip[] = [];
  for (const scenario of scenarios) {
    const lacking = scenario.lacksRunValues ?? [];
    if (lacking.length === 0) {
      runnable.push(scenario);
      continue;
    }
    const flags = [...new Set(lacking.map((name) => RUN_VALUE_PLACEHOLDERS.get(name) ?? name))];
    skipped.push({ scenario, because: 'flag', reason: `its manifests need addresses this run was not given: pass ${flags.join(' and ')} (the local cluster has defaults)` });
  }
  return { runnable, skipped };
}
