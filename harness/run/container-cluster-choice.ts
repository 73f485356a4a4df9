// Starting a kind or k3s cluster for a run: the reference implementation's images built (on --base-image) when
// the class under test is one of its variants, and loaded into the node; nothing else is built or loaded for
// other implementations, whose images their own install pulls. The node containers and network go away when
// the run ends (testcontainers' reaper also on Ctrl-C or kill), unless --keep.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Cluster } from '../cluster/cluster.ts';
import { testcontainersRuntime } from '../cluster/containers/testcontainers-runtime.ts';
import { buildReferenceImages, REFERENCE_COMPONENTS } from '../cluster/images/reference-images.ts';
import { startK3sCluster } from '../cluster/k3s/k3s-cluster.ts';
import { startK3sServer } from '../cluster/k3s/testcontainers-k3s.ts';
import { startKindCluster } from '../cluster/kind/kind-cluster.ts';
import type { Progress } from './progress.ts';
import { referenceVariant } from './reference-variants.ts';

export interface ContainerClusterChoice {
  provider: 'kind' | 'k3s';
  /** Kubeconfig and image archive go here (the run's report folder, cluster/). */
  stateDir: string;
  /** kindest/node or rancher/k3s image; default per provider. */
  image?: string;
  /** Base image of the reference implementation's images (reference-impl/deploy/Dockerfile's BASE_IMAGE). */
  baseImage?: string;
  keep?: boolean;
}

export async function startContainerCluster(choice: ContainerClusterChoice, gatewayClassName: string, progress: Progress): Promise<Cluster> {
  await mkdir(choice.stateDir, { recursive: true });
  const log = (line: string) => progress.info(line);
  const images = referenceVariant(gatewayClassName)
    ? await buildReferenceImages({ components: REFERENCE_COMPONENTS, ...(choice.baseImage ? { baseImage: choice.baseImage } : {}), log: (line) => log(`  ${line}`) })
    : [];
  const common = {
    runtime: testcontainersRuntime(),
    stateDir: choice.stateDir,
    clusterName: `gauntlet-${randomBytes(3).toString('hex')}`,
    images,
    keep: choice.keep ?? false,
    log,
    ...(choice.image ? { image: choice.image } : {}),
  };
  return choice.provider === 'kind' ? startKindCluster(common) : startK3sCluster({ ...common, startServer: startK3sServer });
}
