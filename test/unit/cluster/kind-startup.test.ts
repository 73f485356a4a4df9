// The kind provider's start-up sequence against a recorded sequence of container calls: what it runs in the
// node, in what order, with which container options, the kubeadm configuration and manifests it writes.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKindCluster } from '../../../harness/cluster/kind/kind-cluster.ts';
import { kubeadmConfig } from '../../../harness/cluster/kind/kubeadm-config.ts';
import { assertRecordedSequence } from './recorded-sequence.ts';
import { recordingRuntime } from './recording-runtime.ts';

const KINDNET = `# kindnetd networking manifest
# would you kindly template this file
# would you kindly patch this file
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kindnet
  namespace: kube-system
spec:
  template:
    spec:
      containers:
        - name: kindnet-cni
          image: docker.io/kindest/kindnetd:v20250512
          env:
            - name: POD_SUBNET
              value: "{{ .PodSubnet }}"
`;

const ADMIN_CONF = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: Q0E=
    server: https://172.18.0.2:6443
  name: gauntlet-test
contexts:
- context:
    cluster: gauntlet-test
    user: kubernetes-admin
  name: kubernetes-admin@gauntlet-test
current-context: kubernetes-admin@gauntlet-test
kind: Config
users:
- name: kubernetes-admin
  user:
    client-certificate-data: Q0U=
    client-key-data: S0VZ
`;

const answers = {
  'cat /kind/version': { stdout: 'v1.35.0\n' },
  'cat /kind/manifests/default-cni.yaml': { stdout: KINDNET },
  'cat /kind/manifests/default-storage.yaml': { stdout: 'kind: StorageClass\n' },
  'containerd config dump': { stdout: '[plugins."io.containerd.grpc.v1.cri".containerd]\n  snapshotter = "overlayfs"\n' },
  'cat /etc/kubernetes/admin.conf': { stdout: ADMIN_CONF },
};

describe('the kind provider', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'gauntlet-kind-'));
  });
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  it('starts a node as `kind create cluster` does, in the recorded order with the recorded options (cgroup v1 host)', async () => {
    const runtime = recordingRuntime({ cgroupVersion: '1', answers });
    const loadBalancers: [string, string][] = [];
    const cluster = await startKindCluster({
      runtime,
      stateDir,
      clusterName: 'gauntlet-test',
      images: ['gateway-gauntlet/controller:dev', 'gateway-gauntlet/proxy:dev'],
      log: () => {},
      installLoadBalancer: async (kubeconfigPath, subnet) => {
        runtime.calls.push({ call: 'installLoadBalancer', kubeconfigPath, subnet });
        loadBalancers.push([kubeconfigPath, subnet]);
      },
    });
    await cluster.stop();
    assertRecordedSequence('kind-startup', runtime.calls, { [stateDir]: '<stateDir>' });

    // The kubeconfig the run uses points at the API server's mapped port on this host.
    assert.equal(cluster.kubeconfigPath, join(stateDir, 'kubeconfig'));
    assert.match(readFileSync(cluster.kubeconfigPath, 'utf8'), /server: https:\/\/127\.0\.0\.1:32768$/m);
    assert.deepEqual(loadBalancers, [[join(stateDir, 'kubeconfig'), '172.18.0.0/16']]);
    // Key facts of the recording, so that a regenerated recording cannot drop them silently.
    const commands = runtime.calls.filter((call) => call.call === 'exec').map((call) => (call.command as string[]).join(' '));
    assert.ok(commands.indexOf('kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6') < commands.indexOf('kubectl --kubeconfig=/etc/kubernetes/admin.conf create -f /kind/manifests/gauntlet-cni.yaml'));
    const kubeadmConf = runtime.calls.find((call) => call.call === 'writeFile' && call.path === '/kind/kubeadm.conf')?.content as string;
    assert.match(kubeadmConf, /failCgroupV1: false/, 'a 1.35 kubelet on a cgroup v1 host must be told to run');
    const cni = runtime.calls.find((call) => call.call === 'writeFile' && call.path === '/kind/manifests/gauntlet-cni.yaml')?.content as string;
    assert.match(cni, /value: 10\.244\.0\.0\/16/);
    assert.match(cni, /name: CONTROL_PLANE_ENDPOINT\n\s+value: 172\.18\.0\.2:6443/);
    assert.deepEqual(runtime.calls.slice(-2), [
      { call: 'stop', node: 'gauntlet-test-control-plane' },
      { call: 'removeNetwork', network: 'gauntlet-net' },
    ]);
  });

  it('keeps the node and network with --keep, saying how to reach and remove them, and removes a node that failed to start', async () => {
    const kept = recordingRuntime({ cgroupVersion: '2', answers });
    const lines: string[] = [];
    const cluster = await startKindCluster({ runtime: kept, stateDir, clusterName: 'kept', images: [], keep: true, log: (line) => lines.push(line), installLoadBalancer: async () => {} });
    await cluster.stop();
    assert.ok(!kept.calls.some((call) => call.call === 'stop' || call.call === 'removeNetwork'));
    assert.equal(kept.calls.find((call) => call.call === 'createNetwork')?.autoCleanup, false);
    assert.match(lines.at(-1) ?? '', /kept the kind cluster kept: export KUBECONFIG=\S+kubeconfig; shell: docker exec -it kept-control-plane bash; remove: docker rm -f -v kept-control-plane && docker network rm gauntlet-net/);

    const failing = recordingRuntime({ cgroupVersion: '2', answers: { ...answers, 'kubeadm init --config=/kind/kubeadm.conf --skip-token-print --v=6': { exitCode: 1, stderr: 'preflight failed' } } });
    await assert.rejects(startKindCluster({ runtime: failing, stateDir, clusterName: 'broken', images: [], log: () => {} }), /kubeadm init failed[\s\S]*preflight failed/);
    assert.deepEqual(failing.calls.slice(-2), [
      { call: 'stop', node: 'broken-control-plane' },
      { call: 'removeNetwork', network: 'gauntlet-net' },
    ]);
  });

  it("writes kubeadm's v1beta4 API from Kubernetes 1.36 and tells the kubelet nothing about cgroup v1 on a v2 host", () => {
    const config = kubeadmConfig({ kubernetesVersion: 'v1.36.1', clusterName: 'c', nodeName: 'n', nodeAddress: '172.18.0.2', cgroupVersion: '2', podSubnet: '10.244.0.0/16', serviceSubnet: '10.96.0.0/16' });
    assert.match(config, /apiVersion: kubeadm\.k8s\.io\/v1beta4/);
    assert.match(config, /kubeletExtraArgs:\n\s+- name: node-ip\n\s+value: 172\.18\.0\.2/);
    assert.doesNotMatch(config, /failCgroupV1/);
    assert.throws(() => kubeadmConfig({ kubernetesVersion: 'latest', clusterName: 'c', nodeName: 'n', nodeAddress: 'a', cgroupVersion: '2', podSubnet: '', serviceSubnet: '' }), /choose a kindest\/node image/);
  });
});
