// The `local` cluster provider: the embedded cluster of @gauntlet/local-cluster running the project's images.
import { type PrivilegedPortsMode, startLocalCluster } from '@gauntlet/local-cluster';
import type { Cluster } from '../cluster.ts';
import { PROJECT_IMAGES, PROJECT_ROOT } from './project-images.ts';

export interface LocalClusterProvider extends Cluster {
  readonly provider: 'local';
  readonly apiUrl: string;
  readonly stateDir: string;
  /** The node's address: NodePorts are served there. */
  readonly nodeAddress: string;
  /** Ports below this are served through NodePorts (no privilege to bind them); 0 for none. */
  readonly mappedBelow: number;
}

export interface LocalClusterProviderOptions {
  stateDir: string;
  /** 'mapped' runs as an unprivileged user would even as root (GAUNTLET_LOCAL_PORTS=mapped). */
  privilegedPorts?: PrivilegedPortsMode;
  log?: (line: string) => void;
}

export async function startLocalClusterProvider(options: LocalClusterProviderOptions): Promise<LocalClusterProvider> {
  const cluster = await startLocalCluster({ ...options, images: PROJECT_IMAGES, workingDirectory: PROJECT_ROOT });
  return {
    provider: 'local',
    apiUrl: cluster.apiUrl,
    stateDir: cluster.stateDir,
    kubeconfigPath: cluster.kubeconfigPath,
    nodeAddress: cluster.nodeAddress,
    mappedBelow: cluster.mappedBelow,
    reach: async (address, port, protocol) => cluster.reach(address, port, protocol),
    stop: () => cluster.stop(),
  };
}

/** GAUNTLET_LOCAL_PORTS: 'mapped' forces the unprivileged port layout; unset or 'auto' detects it. */
export function privilegedPortsFromEnv(env: NodeJS.ProcessEnv = process.env): PrivilegedPortsMode {
  const value = env.GAUNTLET_LOCAL_PORTS?.trim() || 'auto';
  if (value === 'auto' || value === 'mapped') return value;
  throw new LocalPortsSettingError(value);
}

export class LocalPortsSettingError extends Error {
  readonly code = 'GAUNTLET_LOCAL_PORTS';
  constructor(value: string) {
    super(`GAUNTLET_LOCAL_PORTS="${value}" is not a setting: use auto (the default) or mapped`);
    this.name = 'LocalPortsSettingError';
  }
}
