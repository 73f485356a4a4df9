// A LoadBalancer Service with one ready endpoint is served by the pod itself: its listening socket is lent to
// the pod, so a connection reaches the pod on the Service's address (the fixture reports the address it was
// reached on) and no forwarder copies bytes. With two ready pods the forwarder takes it back and balances; with
// one again the pod gets it again; requests sent all along never fail (the pods keep serving 0.5 s after
// SIGTERM, as a preStop sleep does, so a connection forwarded just before an endpoint's removal is answered).
// Run as root and without the privilege to bind low ports, where port 80 is served on the node at its NodePort
// and that listener is lent alike.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type LocalCluster, startLocalCluster } from '../../../src/local-cluster.ts';
import { kubectlFor } from '../../support/kubectl.ts';
import { TEST_IMAGES } from '../../support/test-images.ts';

const APP = `
apiVersion: v1
kind: Namespace
metadata: { name: loans }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: loans }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: web
          image: local-cluster-test/web:dev
          env:
            - { name: HTTP_PORT, value: "80" }
            - { name: SHUTDOWN_DELAY_MS, value: "500" }
            - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
          ports: [{ name: http, containerPort: 80 }]
          readinessProbe: { httpGet: { path: /health, port: http }, periodSeconds: 1 }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: loans }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
`;

interface Answer {
  pod: string;
  local: string;
}

/** One request on a fresh connection (so each is a new accept); `undefined` when it failed. */
function get(host: string, port: number): Promise<Answer | undefined> {
  return new Promise((resolve) => {
    const request = http.get({ host, port, path: '/', agent: false, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve(response.statusCode === 200 ? (JSON.parse(body) as Answer) : undefined));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

for (const privilegedPorts of ['auto', 'mapped'] as const) {
  describe(`LoadBalancer listeners lent to a lone ready pod (integration, privilegedPorts ${privilegedPorts})`, function () {
    this.timeout(120_000);
    let cluster: LocalCluster;
    let stateDir: string;
    const kubectl = (args: string[], stdin = '') => kubectlFor(cluster.kubeconfigPath, path.join(stateDir, 'kube-cache')).run(args, stdin);

    before(async () => {
      stateDir = await mkdtemp(path.join(os.tmpdir(), 'local-cluster-loans-'));
      cluster = await startLocalCluster({ stateDir: path.join(stateDir, 'cluster'), images: TEST_IMAGES, privilegedPorts });
      await kubectl(['apply', '-f', '-'], APP);
      await kubectl(['rollout', 'status', 'deployment/web', '-n', 'loans', '--timeout=40s']);
    });
    after(async () => {
      await cluster?.stop();
      await rm(stateDir, { recursive: true, force: true });
    });

    it('serves through the pod itself with one ready pod, through the forwarder with two, and never fails meanwhile', async () => {
      const ip = (await kubectl(['get', 'service', 'web', '-n', 'loans', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}'])).trim();
      const entry = cluster.reach(ip, 80);
      // Root binds port 80 on the LoadBalancer address; without the privilege it is the node's NodePort.
      assert.equal(entry.host, privilegedPorts === 'mapped' ? cluster.nodeAddress : ip);
      const reachedOn = async () => (await get(entry.host, entry.port))?.local;
      await eventuallyAsync('the lone pod accepting on the Service address', async () => (await reachedOn()) === entry.host);

      const failures: number[] = [];
      let sent = 0;
      let stop = false;
      const traffic = (async () => {
        for (let i = 0; i < 5000 && !stop; i++, sent++) if (!(await get(entry.host, entry.port))) failures.push(i);
      })();
      try {
        await kubectl(['scale', 'deployment/web', '-n', 'loans', '--replicas=2']);
        await kubectl(['rollout', 'status', 'deployment/web', '-n', 'loans', '--timeout=40s']);
        const pods = await eventuallyAsync('both pods answering through the forwarder', async () => {
          const seen = new Set<string>();
          for (let i = 0; i < 6; i++) {
            const answer = await get(entry.host, entry.port);
            if (answer?.local === entry.host) return false; // still lent
            if (answer) seen.add(answer.pod);
          }
          return seen.size === 2;
        });
        assert.ok(pods);
        await kubectl(['scale', 'deployment/web', '-n', 'loans', '--replicas=1']);
        await eventuallyAsync('the remaining pod accepting on the Service address again', async () => (await reachedOn()) === entry.host);
      } finally {
        stop = true;
        await traffic;
      }
      assert.ok(sent > 20, `requests sent during the changes: ${sent}`);
      assert.deepEqual(failures, [], `of ${sent} requests these failed`);
    });
  });
}

async function eventuallyAsync(what: string, probe: () => Promise<boolean>): Promise<true> {
  const deadline = Date.now() + 20_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after 20 s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
