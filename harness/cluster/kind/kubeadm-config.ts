// The kubeadm configuration of a single-node kind cluster, as `kind create cluster` generates it for the
// node's Kubernetes version: ClusterConfiguration, InitConfiguration, KubeletConfiguration and
// KubeProxyConfiguration. Kubernetes 1.35 kubelets refuse to start on a cgroup v1 host unless their
// configuration sets failCgroupV1: false, which is set whenever the engine runs cgroup v1 (the field exists
// from 1.31 on; older kubelets run there anyway).
import { stringify } from 'yaml';

export interface KubeadmConfigInput {
  /** e.g. v1.35.0, from the node's /kind/version. */
  kubernetesVersion: string;
  clusterName: string;
  nodeName: string;
  /** The node's address on its container network. */
  nodeAddress: string;
  cgroupVersion: '1' | '2';
  podSubnet: string;
  serviceSubnet: string;
}

export const API_SERVER_PORT = 6443;
/** kubeadm's bootstrap token; one node joins nothing, but kubeadm requires one (kind uses a fixed one too). */
const BOOTSTRAP_TOKEN = 'gaunt1.0123456789abcdef';

export class KubernetesVersionError extends Error {
  readonly code = 'GAUNTLET_KIND_VERSION';
  constructor(version: string) {
    super(`the node image reports Kubernetes version "${version}" in /kind/version, which is not vMAJOR.MINOR.PATCH; choose a kindest/node image with --kind-image`);
    this.name = 'KubernetesVersionError';
  }
}

export function minorVersion(version: string): number {
  const match = /^v?1\.(\d+)\.\d+/.exec(version.trim());
  if (!match) throw new KubernetesVersionError(version);
  return Number(match[1]);
}

/** kubeadm's v1beta4 takes extra arguments as a list of name/value pairs, v1beta3 as a map. */
function args(v1beta4: boolean, values: Record<string, string>): unknown {
  return v1beta4 ? Object.entries(values).map(([name, value]) => ({ name, value })) : values;
}

export function kubeadmConfig(input: KubeadmConfigInput): string {
  const minor = minorVersion(input.kubernetesVersion);
  // kubeadm's API: v1beta4 from Kubernetes 1.36 on (as kind does), v1beta3 before.
  const v1beta4 = minor >= 36;
  const apiVersion = v1beta4 ? 'kubeadm.k8s.io/v1beta4' : 'kubeadm.k8s.io/v1beta3';
  const cluster = {
    apiVersion,
    kind: 'ClusterConfiguration',
    kubernetesVersion: input.kubernetesVersion,
    clusterName: input.clusterName,
    controlPlaneEndpoint: `${input.nodeAddress}:${API_SERVER_PORT}`,
    // The kubeconfig is rewritten to 127.0.0.1 and the mapped port: the certificate must name them.
    apiServer: { certSANs: ['localhost', '127.0.0.1'] },
    controllerManager: { extraArgs: args(v1beta4, { 'enable-hostpath-provisioner': 'true' }) },
    networking: { podSubnet: input.podSubnet, serviceSubnet: input.serviceSubnet },
  };
  const init = {
    apiVersion,
    kind: 'InitConfiguration',
    bootstrapTokens: [{ token: BOOTSTRAP_TOKEN }],
    localAPIEndpoint: { advertiseAddress: input.nodeAddress, bindPort: API_SERVER_PORT },
    nodeRegistration: {
      criSocket: 'unix:///run/containerd/containerd.sock',
      kubeletExtraArgs: args(v1beta4, { 'node-ip': input.nodeAddress, 'provider-id': `kind://docker/${input.clusterName}/${input.nodeName}` }),
    },
  };
  const kubelet: Record<string, unknown> = {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    cgroupDriver: minor >= 24 ? 'systemd' : 'cgroupfs',
    cgroupRoot: '/kubelet',
    failSwapOn: false,
    // The node sees the host's disk: no image garbage collection or eviction on its account.
    imageGCHighThresholdPercent: 100,
    evictionHard: { 'nodefs.available': '0%', 'nodefs.inodesFree': '0%', 'imagefs.available': '0%' },
  };
  if (input.cgroupVersion === '1' && minor >= 31) kubelet.failCgroupV1 = false;
  const proxy = {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    mode: 'iptables',
    iptables: { minSyncPeriod: '1s' },
    // nf_conntrack_max is global to the host: leave it alone.
    conntrack: { maxPerCore: 0 },
  };
  return [cluster, init, kubelet, proxy].map((document) => stringify(document, { lineWidth: 0 })).join('---\n');
}
