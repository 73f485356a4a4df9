// An existing cluster reached through a kubeconfig: nothing to start or stop; Gateway addresses are assumed
// routable from this host (a LoadBalancer implementation such as MetalLB or cloud-provider-kind).
import { existsSync } from 'node:fs';
import type { Cluster } from '../cluster.ts';

export class KubeconfigNotFoundError extends Error {
  readonly code = 'GAUNTLET_KUBECONFIG_NOT_FOUND';
  constructor(path: string) {
    super(`kubeconfig ${path} does not exist: pass --kubeconfig <path> or set KUBECONFIG.`);
    this.name = 'KubeconfigNotFoundError';
  }
}

export function connectKubeconfigCluster(kubeconfigPath: string): Cluster {
  if (!existsSync(kubeconfigPath)) throw new KubeconfigNotFoundError(kubeconfigPath);
  return {
    provider: 'kubeconfig',
    kubeconfigPath,
    reach: (address, port) => ({ host: address, port }),
    stop: async () => {},
  };
}
