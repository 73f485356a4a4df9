// How to reach each Gateway of a cluster from this host, for `gauntlet up` and `gauntlet status`: the
// address `kubectl get gateway` shows and, per listener, the exact curl command. Where the cluster serves a
// listener's port somewhere else (a NodePort on the node, see Cluster.reach), curl's --connect-to keeps the
// URL (and so the Host header and SNI) as they would be with the address itself. TCP and UDP listeners get an nc
// command (a UDP listener's port is looked up as a UDP port: its NodePort differs from a TCP port's).
import type { Cluster, HostEndpoint } from '../cluster/cluster.ts';
import { connectKubeconfigCluster } from '../cluster/kubeconfig/kubeconfig-cluster.ts';
import { connectKube, type KubeClient } from '../kube/kube-client.ts';

interface GatewayShape {
  metadata: { namespace?: string; name: string };
  spec?: { listeners?: { name: string; port: number; protocol: string; hostname?: string }[] };
  status?: { addresses?: { type?: string; value: string }[] };
}

export interface ListenerAccess {
  name: string;
  protocol: string;
  port: number;
  /** Where this host reaches it. */
  endpoint: HostEndpoint;
  /** A command that sends it a request (HTTP and HTTPS listeners). */
  curl: string | undefined;
}

export interface GatewayAccess {
  namespace: string;
  name: string;
  /** The address in the Gateway's status, as `kubectl get gateway` shows it; undefined until assigned. */
  address: string | undefined;
  listeners: ListenerAccess[];
}

async function describeGatewayAccess(kube: KubeClient, cluster: Cluster): Promise<GatewayAccess[]> {
  const gateways = (await kube.objects.list('gateway.networking.k8s.io/v1', 'Gateway')).items as unknown as GatewayShape[];
  const described: GatewayAccess[] = [];
  for (const gateway of gateways) {
    const address = gateway.status?.addresses?.[0]?.value;
    const listeners: ListenerAccess[] = [];
    for (const listener of gateway.spec?.listeners ?? []) {
      if (address === undefined) break;
      const endpoint = await cluster.reach(address, listener.port, listener.protocol === 'UDP' ? 'UDP' : 'TCP');
      listeners.push({ ...listener, endpoint, curl: curlCommand(address, listener, endpoint) });
    }
    described.push({ namespace: gateway.metadata.namespace ?? '', name: gateway.metadata.name, address, listeners });
  }
  return described;
}

export function curlCommand(address: string, listener: { port: number; protocol: string; hostname?: string }, endpoint: HostEndpoint): string | undefined {
  const scheme = listener.protocol === 'HTTP' ? 'http' : listener.protocol === 'HTTPS' ? 'https' : undefined;
  if (!scheme) return undefined;
  // A wildcard listener hostname matches any name under it: pick one.
  const host = listener.hostname ? listener.hostname.replace(/^\*\./, 'www.') : address;
  const defaultPort = scheme === 'http' ? 80 : 443;
  const url = `${scheme}://${host}${listener.port === defaultPort ? '' : `:${listener.port}`}/`;
  const insecure = scheme === 'https' ? '-k ' : '';
  const direct = endpoint.host === address && endpoint.port === listener.port;
  if (direct && host === address) return `curl ${insecure}${url}`;
  return `curl ${insecure}--connect-to ${host}:${listener.port}:${endpoint.host}:${endpoint.port} ${url}`;
}

/** nc for a TCP listener, nc -u for a UDP one: both reach the echo's TCP and UDP modes (TCPRoute, UDPRoute). */
function ncCommand(listener: ListenerAccess): string | undefined {
  if (listener.protocol === 'TCP') return `nc ${listener.endpoint.host} ${listener.endpoint.port}`;
  if (listener.protocol === 'UDP') return `nc -u ${listener.endpoint.host} ${listener.endpoint.port}`;
  return undefined;
}

export function formatGatewayAccess(gateways: GatewayAccess[]): string {
  if (gateways.length === 0) return 'No Gateways yet.';
  const lines: string[] = [];
  for (const gateway of gateways) {
    lines.push(`Gateway ${gateway.namespace}/${gateway.name}: address ${gateway.address ?? '<none yet>'}`);
    for (const listener of gateway.listeners) {
      const at = `${listener.endpoint.host}:${listener.endpoint.port}`;
      lines.push(`  ${listener.name} (${listener.protocol} ${listener.port}, served at ${at}): ${listener.curl ?? ncCommand(listener) ?? `connect to ${at}`}`);
    }
  }
  return lines.join('\n');
}

/** The access lines of every Gateway of the cluster of a kubeconfig (the way `gauntlet up` leaves one). */
export async function gatewayAccessOf(kubeconfigPath: string): Promise<string> {
  const gateways = await describeGatewayAccess(connectKube(kubeconfigPath), connectKubeconfigCluster(kubeconfigPath));
  return formatGatewayAccess(gateways);
}
