// The `--channel` option of the commands that install Gateway API CRDs: checked on entry, so a typo is a
// usage error naming the choices rather than a failed download.
import { InvalidArgumentError } from 'commander';
import type { GatewayApiChannel } from '../kube/gateway-api-crds.ts';
import { GATEWAY_API_CHANNELS } from '../run/channel-selection.ts';

export const CHANNEL_OPTION_DESCRIPTION =
  'the Gateway API release channel whose CRDs are installed: standard, or experimental (a standard run skips scenarios that need experimental fields)';

export function parseChannel(value: string): GatewayApiChannel {
  const channel = GATEWAY_API_CHANNELS.find((candidate) => candidate === value);
  if (!channel) throw new InvalidArgumentError(`use one of ${GATEWAY_API_CHANNELS.join(', ')}`);
  return channel;
}
