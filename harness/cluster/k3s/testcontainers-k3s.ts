// Starts a k3s server with @testcontainers/k3s's K3sContainer (privileged, the host's cgroups, waiting for
// its node controller) from a K3sServerSpec.
import { K3sContainer } from '@testcontainers/k3s';
import type { K3sServerSpec, StartedK3sServer } from './k3s-cluster.ts';

export async function startK3sServer(spec: K3sServerSpec): Promise<StartedK3sServer> {
  const container = await new K3sContainer(spec.image)
    .withName(spec.name)
    .withCommand(spec.command)
    .withNetworkMode(spec.network)
    .withLabels(spec.labels)
    .withCopyFilesToContainer(spec.filesBeforeStart)
    .withAutoCleanup(spec.autoCleanup)
    .start();
  return {
    name: spec.name,
    kubeconfig: () => container.getKubeConfig(),
    stop: async () => {
      await container.stop({ remove: true, removeVolumes: true });
    },
  };
}
