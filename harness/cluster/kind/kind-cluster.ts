// `--cluster kind`: a one-node kind cluster started through testcontainers, doing what `kind create cluster`
// does, in its order: a network of its own, the node container (kind-node-spec.ts) waited for, the node's
// Kubernetes version read, kubeadm's configuration written (kubeadm-config.ts) and `kubeadm init` run, the
// control-plane taint and load-balancer exclusion removed (one node runs everything), the CNI and storage
// manifests the node image carries installed, the images the run needs imported into containerd, the node
// awaited Ready, the admin kubeconfig rewritten to the mapped API port, and a LoadBalancer implementation
// installed for Gateway addresses (MetalLB by default).
import { join } from 'node:path';
import { connectKube } from '../../kube/kube-client.ts';
import type { Cluster } from '../cluster.ts';
import { containerCluster, rewriteKubeconfigServer, writeKubeconfig } from '../containers/container-cluster.ts';
import { type NodeRuntime, NodeStartError, run, type StartedNode } from '../containers/node-runtime.ts';
import { installMetalLb } from '../load-balancer/metallb.ts';
import { prepareCniManifest } from './cni-manifest.ts';
import { DEFAULT_KIND_IMAGE, kindNodeSpec } from './kind-node-spec.ts';
import { API_SERVER_PORT, kubeadmConfig } from './kubeadm-config.ts';

export interface KindClusterOptions {
  runtime: NodeRuntime;
  /** Where the kubeconfig and the image archive are written. */
  stateDir: string;
  clusterName: string;
  /** A kindest/node image; default DEFAULT_KIND_IMAGE. */
  image?: string;
  /** Images of this host's engine to import into the node (the reference implementation's). */
  images: readonly string[];
  /** Keep the node and its network when the run ends (--keep). */
  keep?: boolean;
  log: (line: string) => void;
  /** Gives LoadBalancer Services addresses from the node network; default MetalLB. */
  installLoadBalancer?: (kubeconfigPath: string, subnet: string) => Promise<void>;
}

const POD_SUBNET = '10.244.0.0/16';
const SERVICE_SUBNET = '10.96.0.0/16';
const ADMIN = '--kubeconfig=/etc/kubernetes/admin.conf';
/** kind's fallback when an old node image carries no storage manifest. */
const FALLBACK_STORAGE = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/host-path
`;

async function installCni(node: StartedNode, controlPlaneEndpoint: string): Promise<void> {
  const manifest = await run(node, ['cat', '/kind/manifests/default-cni.yaml'], 'the node image carries no CNI manifest: use a kindest/node image');
  await node.writeFile('/kind/manifests/gauntlet-cni.yaml', prepareCniManifest(manifest, { podSubnet: POD_SUBNET, controlPlaneEndpoint }));
  await run(node, ['kubectl', ADMIN, 'create', '-f', '/kind/manifests/gauntlet-cni.yaml'], 'installing the CNI failed');
}

async function installStorage(node: StartedNode): Promise<void> {
  const carried = await node.exec(['cat', '/kind/manifests/default-storage.yaml']);
  const path = carried.exitCode === 0 ? '/kind/manifests/default-storage.yaml' : '/kind/manifests/gauntlet-storage.yaml';
  if (carried.exitCode !== 0) await node.writeFile(path, FALLBACK_STORAGE);
  await run(node, ['kubectl', ADMIN, 'apply', '-f', path], 'installing the default StorageClass failed');
}

/** containerd's snapshotter in the node (`containerd config dump`), which `ctr images import` must use. */
async function snapshotter(node: StartedNode): Promise<string> {
  const dump = await run(node, ['containerd', 'config', 'dump'], 'containerd in the node does not answer');
  return /^\s*snapshotter\s*=\s*"([^"]+)"/m.exec(dump)?.[1] ?? 'overlayfs';
}

async function loadImages(options: KindClusterOptions, node: StartedNode): Promise<void> {
  if (options.images.length === 0) return;
  const archive = join(options.stateDir, 'images.tar');
  await options.runtime.saveImages(options.images, archive);
  await node.copyFile(archive, '/kind/gauntlet-images.tar');
  const importer = ['ctr', '--namespace=k8s.io', 'images', 'import', '--all-platforms', '--digests', `--snapshotter=${await snapshotter(node)}`, '/kind/gauntlet-images.tar'];
  await run(node, importer, `importing ${options.images.join(', ')} into the node's containerd failed`);
}

async function bootstrap(options: KindClusterOptions, node: StartedNode, network: { name: string; subnet: string }, cgroupVersion: '1' | '2'): Promise<string> {
  const kubernetesVersion = (await run(node, ['cat', '/kind/version'], 'not a kind node image: /kind/version is missing')).trim();
  const nodeAddress = node.ipAddress(network.name);
  options.log(`  node ${node.name}: Kubernetes ${kubernetesVersion}, address ${nodeAddress}, cgroup v${cgroupVersion}`);
  const config = kubeadmConfig({ kubernetesVersion, clusterName: options.clusterName, nodeName: node.name, nodeAddress, cgroupVersion, podSubnet: POD_SUBNET, serviceSubnet: SERVICE_SUBNET });
  await node.writeFile('/kind/kubeadm.conf', config);
  await run(node, ['kubeadm', 'init', '--config=/kind/kubeadm.conf', '--skip-token-print', '--v=6'], 'kubeadm init failed (its log is above)');
  await run(node, ['kubectl', ADMIN, 'taint', 'nodes', '--all', 'node-role.kubernetes.io/control-plane-'], 'removing the control-plane taint failed');
  await run(node, ['kubectl', ADMIN, 'label', 'nodes', '--all', 'node.kubernetes.io/exclude-from-external-load-balancers-'], 'removing the load-balancer exclusion failed');
  await installCni(node, `${nodeAddress}:${API_SERVER_PORT}`);
  await installStorage(node);
  await loadImages(options, node);
  await run(node, ['kubectl', ADMIN, 'wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=180s'], 'the node did not become Ready');
  const kubeconfigPath = join(options.stateDir, 'kubeconfig');
  const admin = await run(node, ['cat', '/etc/kubernetes/admin.conf'], 'kubeadm wrote no admin kubeconfig');
  await writeKubeconfig(kubeconfigPath, rewriteKubeconfigServer(admin, node.endpoint(API_SERVER_PORT)));
  return kubeconfigPath;
}

export async function startKindCluster(options: KindClusterOptions): Promise<Cluster> {
  const { runtime } = options;
  const keep = options.keep ?? false;
  const cgroupVersion = await runtime.cgroupVersion();
  const network = await runtime.createNetwork({ autoCleanup: !keep });
  let node: StartedNode | undefined;
  const remove = async () => {
    await node?.stop();
    await network.remove();
  };
  try {
    const image = options.image ?? DEFAULT_KIND_IMAGE;
    node = await runtime.startNode(kindNodeSpec({ image, clusterName: options.clusterName, network: network.name, keep })).catch((error: unknown) => {
      throw new NodeStartError('kind', image, '--kind-image', error);
    });
    const kubeconfigPath = await bootstrap(options, node, network, cgroupVersion);
    const installLoadBalancer = options.installLoadBalancer ?? ((path, subnet) => installMetalLb(connectKube(path), subnet, options.log));
    await installLoadBalancer(kubeconfigPath, network.subnet);
    const keptNotice = keep
      ? `kept the kind cluster ${options.clusterName}: export KUBECONFIG=${kubeconfigPath}; shell: docker exec -it ${node.name} bash; remove: docker rm -f -v ${node.name} && docker network rm ${network.name}`
      : undefined;
    return containerCluster({ provider: 'kind', kubeconfigPath, remove, log: options.log, ...(keptNotice ? { keptNotice } : {}) });
  } catch (error) {
    // A cluster that did not come up is removed even with --keep, unless its node is worth a look.
    if (!keep) await remove().catch(() => undefined);
    throw error;
  }
}
