// One interface over every way Gauntlet gets a cluster: the embedded local cluster, kind, k3s, or an
// existing cluster reached through a kubeconfig.

export type ClusterProviderName = 'local' | 'kind' | 'k3s' | 'kubeconfig';

export interface HostEndpoint {
  host: string;
  port: number;
}

export interface Cluster {
  readonly provider: ClusterProviderName;
  /** A kubeconfig file for kubectl and client-node. */
  readonly kubeconfigPath: string;
  /**
   * Where this host reaches a Gateway address (as written in Gateway status) and port: the address itself,
   * or, where the cluster cannot serve that port there (a local cluster without the privilege to bind
   * port 80, a LoadBalancer this host has no route to), the node's address and the Service's NodePort.
   */
  reach(address: string, port: number): Promise<HostEndpoint>;
  /** Stops what this provider started; a no-op for clusters it did not start. */
  stop(): Promise<void>;
}
