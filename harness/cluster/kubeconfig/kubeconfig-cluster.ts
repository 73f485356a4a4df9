// An existing cluster reached through a kubeconfig: nothing to start or stop. A Gateway address is used as
// it is when it accepts connections (a LoadBalancer implementation such as MetalLB or cloud-provider-kind,
// a local cluster with the privilege to bind port 80); otherwise through its Service's NodePort on a node
// (node-port-route.ts), as a local cluster of `gauntlet up` run without that privilege serves it.
import { existsSync } from 'node:fs';
import { connectKube } from '../../kube/kube-client.ts';
import type { Cluster } from '../cluster.ts';
import { acceptsConnections, nodePortRoute } from './node-port-route.ts';

const DIRECT_CONNECT_TIMEOUT_MS = 1000;

export class KubeconfigNotFoundError extends Error {
  readonly code = 'GAUNTLET_KUBECONFIG_NOT_FOUND';
  constructor(path: string) {
    super(`kubeconfig ${path} does not exist: pass --kubeconfig <path> or set KUBECONFIG.`);
    this.name = 'KubeconfigNotFoundError';
  }
}

export function connectKubeconfigCluster(kubeconfigPath: string): Cluster {
  if (!existsSync(kubeconfigPath)) throw new KubeconfigNotFoundError(kubeconfigPath);
  const kube = connectKube(kubeconfigPath);
  return {
    provider: 'kubeconfig',
    kubeconfigPath,
    async reach(address, port) {
      if (await acceptsConnections(address, port, DIRECT_CONNECT_TIMEOUT_MS)) return { host: address, port };
      return (await nodePortRoute(kube, address, port)) ?? { host: address, port };
    },
    stop: async () => {},
  };
}
