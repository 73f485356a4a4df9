// The setup of `npm run bench:load -- --lb`: a local cluster running one echo pod behind a LoadBalancer
// Service on port 80, and the two ways this host reaches that pod: its own address, and the Service's entry
// (the LoadBalancer address, or the node and the NodePort when the cluster may not bind port 80).

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type PrivilegedPortsMode, startLocalCluster } from '@gauntlet/local-cluster';
import { CoreV1Api } from '@kubernetes/client-node';
import { PROJECT_IMAGES, PROJECT_ROOT } from '../../cluster/local/project-images.ts';
import { applyManifests } from '../../kube/apply-manifests.ts';
import { awaitObject } from '../../kube/await-object.ts';
import { connectKube } from '../../kube/kube-client.ts';
import type { KubeManifest } from '../../kube/manifest.ts';

export interface EchoBehindLoadBalancer {
  pod: { host: string; port: number };
  service: { host: string; port: number };
  /** The cluster binds port 80 itself (false: it is served through its NodePort). */
  bindsLowPorts: boolean;
  stop(): Promise<void>;
}

const NAMESPACE = 'lb-bench';
const labels = { app: 'echo' };
const manifests: KubeManifest[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'echo', namespace: NAMESPACE },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: {
          containers: [
            {
              name: 'echo',
              image: 'gateway-gauntlet/echo:bench',
              ports: [{ name: 'http', containerPort: 3000 }],
              // Ready once it listens: the endpoint (and the Service's listener loan) waits for that.
              readinessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 1 },
            },
          ],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: NAMESPACE },
    spec: { type: 'LoadBalancer', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  },
];

export async function startEchoBehindLoadBalancer(privilegedPorts: PrivilegedPortsMode): Promise<EchoBehindLoadBalancer> {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-lb-bench-'));
  const cluster = await startLocalCluster({ stateDir, images: PROJECT_IMAGES, workingDirectory: PROJECT_ROOT, privilegedPorts });
  const stop = async () => {
    await cluster.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    const client = connectKube(cluster.kubeconfigPath);
    await applyManifests(
      client,
      manifests.map((object) => ({ object, source: { file: 'echo-behind-load-balancer.ts', line: 1 } })),
    );
    const service = await awaitObject(client, { apiVersion: 'v1', kind: 'Service', namespace: NAMESPACE, name: 'echo' }, {
      expectation: 'a LoadBalancer address',
      check: (object) => Boolean((object as { status?: { loadBalancer?: { ingress?: unknown[] } } }).status?.loadBalancer?.ingress?.length),
      timeoutMs: 30_000,
    });
    const ip = (service as { status: { loadBalancer: { ingress: { ip: string }[] } } }).status.loadBalancer.ingress[0]?.ip ?? '';
    await awaitObject(client, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: NAMESPACE, name: 'echo' }, {
      expectation: 'one ready replica',
      check: (object) => (object as { status?: { readyReplicas?: number } }).status?.readyReplicas === 1,
      timeoutMs: 30_000,
    });
    const pods = await client.config.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: NAMESPACE });
    const podIP = pods.items.find((pod) => pod.status?.podIP)?.status?.podIP ?? '';
    const pod = cluster.reach(podIP, 3000);
    const entry = cluster.reach(ip, 80);
    await Promise.all([answers(pod), answers(entry)]);
    return { pod, service: entry, bindsLowPorts: cluster.mappedBelow === 0, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once `target` answers an HTTP request with 200 (30 s at most). */
async function answers(target: { host: string; port: number }): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await fetch(`http://${target.host}:${target.port}/`, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`load-balancer bench: ${target.host}:${target.port} did not answer 200 within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
