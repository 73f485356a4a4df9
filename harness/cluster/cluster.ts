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
   * `protocol` says which transport's port (TCP by default; a UDP port has a NodePort of its own).
   */
  reach(address: string, port: number, protocol?: 'TCP' | 'UDP'): Promise<HostEndpoint>;
  /** Stops what this provider started; a no-op for clusters it did not start. */
  stop(): Promise<void>;
}
