// What a kind or k3s cluster looks like to a run once it is up: a kubeconfig pointing at the API server's
// mapped port, Gateway addresses reached directly (MetalLB's, on the node network) or else through a NodePort
// on the node, and a stop that removes the node container and its network, unless the cluster is kept for
// inspection (--keep), in which case stop says how to reach it and how to remove it.
import { writeFile } from 'node:fs/promises';
import { connectKube } from '../../kube/kube-client.ts';
import type { Cluster, ClusterProviderName } from '../cluster.ts';
import { acceptsConnections, nodePortRoute } from '../kubeconfig/node-port-route.ts';
import { installMetalLb } from '../load-balancer/metallb.ts';
import type { NodeNetwork, NodeRuntime } from './node-runtime.ts';

const DIRECT_CONNECT_TIMEOUT_MS = 1000;

/** The kubeconfig with its server replaced by the endpoint this host reaches the API server at. */
export function rewriteKubeconfigServer(kubeconfig: string, endpoint: { host: string; port: number }): string {
  const host = endpoint.host === 'localhost' ? '127.0.0.1' : endpoint.host;
  return kubeconfig.replace(/^(\s*server:\s*)\S+$/m, `$1https://${host}:${endpoint.port}`);
}

export async function writeKubeconfig(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
}

export interface ContainerClusterParts {
  provider: Extract<ClusterProviderName, 'kind' | 'k3s'>;
  kubeconfigPath: string;
  /** Removes the node container and the network. */
  remove: () => Promise<void>;
  /** Set with --keep: what to print instead of removing. */
  keptNotice?: string;
  log: (line: string) => void;
}

export function containerCluster(parts: ContainerClusterParts): Cluster {
  let stopped = false;
  return {
    provider: parts.provider,
    kubeconfigPath: parts.kubeconfigPath,
    async reach(address, port) {
      if (await acceptsConnections(address, port, DIRECT_CONNECT_TIMEOUT_MS)) return { host: address, port };
      return (await nodePortRoute(connectKube(parts.kubeconfigPath), address, port)) ?? { host: address, port };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (parts.keptNotice) parts.log(parts.keptNotice);
      else await parts.remove();
    },
  };
}

export interface ContainerClusterStart {
  provider: ContainerClusterParts['provider'];
  runtime: NodeRuntime;
  keep?: boolean;
  log: (line: string) => void;
  /** Gives LoadBalancer Services addresses from the node network; default MetalLB. */
  installLoadBalancer?: (kubeconfigPath: string, subnet: string) => Promise<void>;
}

/** What a provider's own start-up gets, and gives back once its API server answers. */
export interface ContainerClusterBringUp {
  network: NodeNetwork;
  cgroupVersion: '1' | '2';
  keep: boolean;
  /** The started container, so a start-up failing after it is removed with the network. */
  started: (container: { stop(): Promise<void> }) => void;
}

/**
 * What kind and k3s share around their own start-up: the engine's cgroup version, a network of their own, the
 * LoadBalancer implementation installed once the kubeconfig is written, and on failure the container and
 * network removed (unless kept).
 */
export async function startContainerCluster(
  options: ContainerClusterStart,
  bringUp: (context: ContainerClusterBringUp) => Promise<{ kubeconfigPath: string; keptNotice: string }>,
): Promise<Cluster> {
  const { runtime, log } = options;
  const keep = options.keep ?? false;
  const cgroupVersion = await runtime.cgroupVersion();
  const network = await runtime.createNetwork({ autoCleanup: !keep });
  let container: { stop(): Promise<void> } | undefined;
  const remove = async () => {
    await container?.stop();
    await network.remove();
  };
  try {
    const { kubeconfigPath, keptNotice } = await bringUp({ network, cgroupVersion, keep, started: (started) => (container = started) });
    const installLoadBalancer = options.installLoadBalancer ?? ((path, subnet) => installMetalLb(connectKube(path), subnet, log));
    await installLoadBalancer(kubeconfigPath, network.subnet);
    return containerCluster({ provider: options.provider, kubeconfigPath, remove, log, ...(keep ? { keptNotice } : {}) });
  } catch (error) {
    if (!keep) await remove().catch(() => undefined);
    throw error;
  }
}
