// The embedded local cluster: an object store served over a Kubernetes-compatible HTTPS API, and a runtime
// that turns Deployments of the project's own images into local processes on loopback addresses.
import { mkdir } from 'node:fs/promises';
import type { Cluster, HostEndpoint } from '../cluster.ts';
import { startApiServer } from './api/api-server.ts';
import { startRuntime } from './runtime/runtime.ts';
import { MemoryObjectStore } from './store/memory-object-store.ts';

export interface LocalCluster extends Cluster {
  readonly provider: 'local';
  readonly apiUrl: string;
  readonly stateDir: string;
}

export interface LocalClusterOptions {
  /** Where the kubeconfig, pod logs and pid records go. */
  stateDir: string;
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
      ...(options.log ? { log: options.log } : {}),
    });
  } catch (error) {
    await api.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    provider: 'local',
    apiUrl: api.url,
    stateDir: options.stateDir,
    kubeconfigPath: api.kubeconfigPath,
    // Every pod and LoadBalancer address is a loopback address of this host: reachable as it is.
    reach(address: string, port: number): HostEndpoint {
      return { host: address, port };
    },
    stop() {
      stopped ??= (async () => {
        await runtime.stop();
        await api.close();
      })();
      return stopped;
    },
  };
}
