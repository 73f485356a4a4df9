// The `local` cluster provider: the embedded cluster of @gauntlet/local-cluster running the project's images.
import { startLocalCluster } from '@gauntlet/local-cluster';
import type { Cluster } from '../cluster.ts';
import { PROJECT_IMAGES, PROJECT_ROOT } from './project-images.ts';

export interface LocalClusterProvider extends Cluster {
  readonly provider: 'local';
  readonly apiUrl: string;
  readonly stateDir: string;
}

export async function startLocalClusterProvider(options: { stateDir: string; log?: (line: string) => void }): Promise<LocalClusterProvider> {
  const cluster = await startLocalCluster({ ...options, images: PROJECT_IMAGES, workingDirectory: PROJECT_ROOT });
  return {
    provider: 'local',
    apiUrl: cluster.apiUrl,
    stateDir: cluster.stateDir,
    kubeconfigPath: cluster.kubeconfigPath,
    reach: (address, port) => cluster.reach(address, port),
    stop: () => cluster.stop(),
  };
}
