// The embedded local cluster: an object store served over a Kubernetes-compatible HTTPS API, and a runtime
// that turns Deployments of the catalog's images into local processes on loopback addresses.
import { mkdir } from 'node:fs/promises';
import { startApiServer } from './api/api-server.ts';
import type { ImageCatalogEntry } from './runtime/image-catalog.ts';
import type { PrivilegedPortsMode } from './runtime/privileged-ports.ts';
import { startRuntime } from './runtime/runtime.ts';
import { MemoryObjectStore } from './store/memory-object-store.ts';

/** Where the host reaches an address and port of the cluster. */
export interface HostEndpoint {
  host: string;
  port: number;
}

export interface LocalCluster {
  /** The API server's URL (https://127.0.0.1:<port>). */
  readonly apiUrl: string;
  /** A kubeconfig file for kubectl and client-node (a CA generated per cluster). */
  readonly kubeconfigPath: string;
  readonly stateDir: string;
  /** The node's address (InternalIP of the Node object): NodePorts are served there. */
  readonly nodeAddress: string;
  /**
   * Ports below this number could not be bound (no root, CAP_NET_BIND_SERVICE or lowered
   * net.ipv4.ip_unprivileged_port_start): pods still listen on them (mapped), LoadBalancers serve them
   * through their NodePorts. 0 when the cluster binds every port itself.
   */
  readonly mappedBelow: number;
  /**
   * Where the host reaches a Service or Pod address and port of this cluster: the address itself, or for
   * a LoadBalancer port the cluster could not bind, the node's address and the port's NodePort. `protocol`:
   * TCP (the default) or UDP, whose NodePort differs.
   */
  reach(address: string, port: number, protocol?: 'TCP' | 'UDP'): HostEndpoint;
  /** Stops every pod process and listener, then the API server. */
  stop(): Promise<void>;
}

export interface LocalClusterOptions {
  /** Where the kubeconfig, pod logs and pid records go. */
  stateDir: string;
  /** Which script a container of each image runs; containers of other images stay Waiting (ErrImagePull). */
  images: readonly ImageCatalogEntry[];
  /** The working directory of pod processes; default the current one. */
  workingDirectory?: string;
  /** 'auto' (default): map ports below 1024 only when they cannot be bound; 'mapped': always (to test that path as root). */
  privilegedPorts?: PrivilegedPortsMode;
  log?: (line: string) => void;
}

export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  await mkdir(options.stateDir, { recursive: true });
  const store = new MemoryObjectStore();
  const api = await startApiServer({ store, stateDir: options.stateDir, ...(options.log ? { log: options.log } : {}) });
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  try {
    runtime = await startRuntime({
      store,
      stateDir: options.stateDir,
      kubeconfigForPods: api.kubeconfigPath,
      images: options.images,
      ...(options.workingDirectory ? { workingDirectory: options.workingDirectory } : {}),
      ...(options.privilegedPorts ? { privilegedPorts: options.privilegedPorts } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    await api.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    apiUrl: api.url,
    stateDir: options.stateDir,
    kubeconfigPath: api.kubeconfigPath,
    nodeAddress: runtime.nodeAddress,
    mappedBelow: runtime.mappedBelow,
    reach: (address, port, protocol) => runtime.reach(address, port, protocol),
    stop() {
      stopped ??= (async () => {
        await runtime.stop();
        await api.close();
      })();
      return stopped;
    },
  };
}
