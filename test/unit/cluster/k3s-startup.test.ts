// The k3s provider's start-up sequence against a recorded sequence of container calls.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { k3sServerCommand, startK3sCluster } from '../../../harness/cluster/k3s/k3s-cluster.ts';
import { assertRecordedSequence } from './recorded-sequence.ts';
import { recordingRuntime } from './recording-runtime.ts';

const K3S_KUBECONFIG = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: Q0E=
    server: https://localhost:32771
  name: default
contexts:
- context:
    cluster: default
    user: default
  name: default
current-context: default
kind: Config
users:
- name: default
  user:
    client-certificate-data: Q0U=
    client-key-data: S0VZ
`;

describe('the k3s provider', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'gauntlet-k3s-'));
  });
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  it('saves the images into the server before it starts, starts it without Traefik and ServiceLB, then installs the load balancer (recorded)', async () => {
    const runtime = recordingRuntime({ cgroupVersion: '1', answers: {} });
    const cluster = await startK3sCluster({
      runtime,
      stateDir,
      clusterName: 'gauntlet-test',
      images: ['gateway-gauntlet/controller:dev', 'gateway-gauntlet/proxy:dev'],
      log: () => {},
      startServer: async (spec) => {
        runtime.calls.push({ call: 'startK3sServer', spec: { ...spec } });
        return {
          name: spec.name,
          kubeconfig: () => {
            runtime.calls.push({ call: 'kubeconfig', node: spec.name });
            return K3S_KUBECONFIG;
          },
          stop: async () => {
            runtime.calls.push({ call: 'stop', node: spec.name });
          },
        };
      },
      installLoadBalancer: async (kubeconfigPath, subnet) => {
        runtime.calls.push({ call: 'installLoadBalancer', kubeconfigPath, subnet });
      },
    });
    await cluster.stop();
    assertRecordedSequence('k3s-startup', runtime.calls, { [stateDir]: '<stateDir>' });
    assert.match(readFileSync(cluster.kubeconfigPath, 'utf8'), /server: https:\/\/127\.0\.0\.1:32771$/m, "the API server's certificate names 127.0.0.1, not localhost");
    const started = runtime.calls.find((call) => call.call === 'startK3sServer')?.spec as { command: string[]; filesBeforeStart: { target: string }[] };
    assert.deepEqual(started.filesBeforeStart.map((file) => file.target), ['/var/lib/rancher/k3s/agent/images/gauntlet-images.tar']);
    assert.ok(started.command.includes('--kubelet-arg=fail-cgroupv1=false'));
  });

  it('tells the kubelet about cgroup v1 only on a cgroup v1 host', () => {
    assert.deepEqual(k3sServerCommand('2'), ['server', '--disable=traefik', '--disable=servicelb']);
    assert.deepEqual(k3sServerCommand('1').slice(-1), ['--kubelet-arg=fail-cgroupv1=false']);
  });
});
