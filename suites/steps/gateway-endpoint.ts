// Resolves "this Gateway's listener on port P" to an address the host can send traffic to, from the address the
// implementation wrote into the Gateway's status.
import type { Cluster, HostEndpoint } from '../../harness/cluster/cluster.ts';
import type { KubeClient } from '../../harness/kube/kube-client.ts';
import type { GatewayTarget } from '../../harness/scenario/scenario-types.ts';

export class GatewayAddressError extends Error {
  readonly code = 'GAUNTLET_GATEWAY_ADDRESS';
  constructor(message: string) {
    super(message);
    this.name = 'GatewayAddressError';
  }
}

/** `protocol`: the transport of the listener port (UDP listeners have ports of their own). */
export async function resolveGatewayEndpoint(kube: KubeClient, cluster: Cluster, target: GatewayTarget, protocol: 'TCP' | 'UDP' = 'TCP'): Promise<HostEndpoint> {
  const { namespace, name } = target.gateway;
  const gateway = await kube.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace, name });
  if (!gateway) throw new GatewayAddressError(`Gateway ${namespace}/${name} does not exist`);
  const addresses = (gateway as { status?: { addresses?: { type?: string; value: string }[] } }).status?.addresses ?? [];
  const address = addresses.find((a) => a.type === undefined || a.type === 'IPAddress' || a.type === 'Hostname');
  if (!address) throw new GatewayAddressError(`Gateway ${namespace}/${name} has no address in its status yet`);
  return await cluster.reach(address.value, target.port, protocol);
}
