// The whole local cluster (API server + runtime) driven by kubectl, as a user drives kind: rollout
// status, scale through the scale subresource, and graceful deletion of pods and namespaces that still
// returns promptly.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type LocalCluster, startLocalCluster } from '../../../src/local-cluster.ts';
import { kubectlFor } from '../../support/kubectl.ts';
import { TEST_IMAGES } from '../../support/test-images.ts';

const APP = `
apiVersion: v1
kind: Namespace
metadata: { name: kubectl-e2e }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: echo, namespace: kubectl-e2e }
spec:
  selector: { matchLabels: { app: echo } }
  template:
    metadata: { labels: { app: echo } }
    spec:
      terminationGracePeriodSeconds: 3
      containers:
        - name: echo
          image: local-cluster-test/web:dev
          ports: [{ name: http, containerPort: 3000 }]
          readinessProbe: { httpGet: { path: /, port: http } }
`;

describe('local cluster with kubectl (integration)', function () {
  this.timeout(120_000);
  let cluster: LocalCluster;
  let stateDir: string;

  const kubectl = (args: string[], stdin = '') => kubectlFor(cluster.kubeconfigPath, path.join(stateDir, 'kube-cache')).run(args, stdin);
  const timed = async (args: string[]) => {
    const started = Date.now();
    const out = await kubectl(args);
    return { out, ms: Date.now() - started };
  };
  const podNames = async () =>
    (await kubectl(['get', 'pods', '-n', 'kubectl-e2e', '-o', 'jsonpath={.items[*].metadata.name}'])).split(' ').filter(Boolean);

  before(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-kubectl-e2e-'));
    cluster = await startLocalCluster({ stateDir: path.join(stateDir, 'cluster'), images: TEST_IMAGES });
  });
  after(async () => {
    await cluster?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('rolls out a Deployment and scales it with kubectl scale', async () => {
    await kubectl(['apply', '-f', '-'], APP);
    await kubectl(['rollout', 'status', 'deployment/echo', '-n', 'kubectl-e2e', '--timeout=30s']);
    assert.match(await kubectl(['scale', 'deployment', 'echo', '-n', 'kubectl-e2e', '--replicas=2']), /deployment.apps\/echo scaled/);
    await kubectl(['rollout', 'status', 'deployment/echo', '-n', 'kubectl-e2e', '--timeout=30s']);
    assert.equal((await podNames()).length, 2);
  });

  it('deletes a running pod gracefully and kubectl delete returns within its grace period', async () => {
    const [victim] = await podNames();
    assert.ok(victim);
    const { out, ms } = await timed(['delete', 'pod', victim, '-n', 'kubectl-e2e']);
    assert.match(out, new RegExp(`pod "${victim}" deleted`));
    assert.ok(ms < 3000, `kubectl delete pod took ${ms} ms`);
    assert.ok(!(await podNames()).includes(victim));
  });

  it('deletes a namespace with running pods: Terminating, then gone, and kubectl delete waits for it', async () => {
    const { out, ms } = await timed(['delete', 'namespace', 'kubectl-e2e']);
    assert.match(out, /namespace "kubectl-e2e" deleted/);
    assert.ok(ms < 5000, `kubectl delete namespace took ${ms} ms`);
    assert.doesNotMatch(await kubectl(['get', 'namespaces', '-o', 'name']), /kubectl-e2e/);
  });
});
