// What a kind or k3s cluster looks like to a run once it is up: a kubeconfig pointing at the API server's
// mapped port, Gateway addresses reached directly (MetalLB's, on the node network) or else through a NodePort
// on the node, and a stop that removes the node container and its network, unless the cluster is kept for
// inspection (--keep), in which case stop says how to reach it and how to remove it.
import { writeFile } from 'node:fs/promises';
import { connectKube } from '../../kube/kube-client.ts';
import type { Cluster, ClusterProviderName } from '../cluster.ts';
import { acceptsConnections, nodePortRoute } from '../kubeconfig/node-port-route.ts';

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
