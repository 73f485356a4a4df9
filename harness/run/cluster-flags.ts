// The `gauntlet run` flags choosing and shaping the cluster: --cluster local|kind|k3s|kubeconfig, the node
// image of kind or k3s, the base image the reference implementation's images are built on, the echo image of
// the base fixture on real clusters, and --keep. Declared here so the run command only adds and reads them.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { RunClusterChoice } from './run-gauntlet.ts';

export interface ClusterFlagValues {
  cluster: string;
  kubeconfig?: string;
  kindImage?: string;
  k3sImage?: string;
  baseImage?: string;
  echoImage?: string;
  keep?: boolean;
}

export class ClusterFlagError extends Error {
  readonly code = 'GAUNTLET_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'ClusterFlagError';
  }
}

export function addClusterFlags(command: Command): Command {
  return command
    .option('--cluster <provider>', 'local (embedded), kind or k3s (started through testcontainers, removed afterwards), kubeconfig (an existing cluster)', 'local')
    .option('--kubeconfig <path>', 'kubeconfig of the existing cluster (with --cluster kubeconfig)', process.env.KUBECONFIG)
    .option('--kind-image <image>', 'kindest/node image of --cluster kind (default kindest/node:v1.35.0)')
    .option('--k3s-image <image>', 'rancher/k3s image of --cluster k3s (default rancher/k3s:v1.35.0-k3s1)')
    .option('--base-image <image>', "base image of the reference implementation's images built for kind and k3s (default node:24-slim)")
    .option('--echo-image <image>', "the base fixture's backend image on clusters other than local (default upstream's echo-basic)")
    .option('--keep', 'keep the kind or k3s cluster after the run and print how to reach it');
}

export function clusterChoiceFrom(values: ClusterFlagValues): RunClusterChoice {
  const keep = values.keep ?? false;
  if (keep && values.cluster !== 'kind' && values.cluster !== 'k3s') throw new ClusterFlagError('--keep applies to --cluster kind or k3s: the local cluster stops with the run (use gauntlet up to keep one)');
  switch (values.cluster) {
    case 'local':
      return { provider: 'local' };
    case 'kubeconfig':
      if (!values.kubeconfig) throw new ClusterFlagError('--cluster kubeconfig needs --kubeconfig <path> (or KUBECONFIG set)');
      return { provider: 'kubeconfig', kubeconfigPath: resolve(values.kubeconfig) };
    case 'kind':
    case 'k3s': {
      const image = values.cluster === 'kind' ? values.kindImage : values.k3sImage;
      return { provider: values.cluster, keep, ...(image ? { image } : {}), ...(values.baseImage ? { baseImage: values.baseImage } : {}) };
    }
    default:
      throw new ClusterFlagError(`--cluster ${values.cluster}: unknown provider; use local, kind, k3s or kubeconfig`);
  }
}
