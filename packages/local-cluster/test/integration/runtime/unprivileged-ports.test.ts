// A cluster without the privilege to bind ports below 1024 (forced with privilegedPorts: 'mapped', so the
// path runs as root too), driven by kubectl as a user would: pods still listen on port 80 and believe so,
// probes and other pods reach them there, a LoadBalancer's port 80 is served on the node's address at its
// NodePort, which `kubectl get svc` and `kubectl get nodes -o wide` show, and reach() says so; the same holds for
// a UDP port 53 (served on the node at its UDP NodePort) beside a UDP port 5353 on the LoadBalancer address.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type LocalCluster, startLocalCluster } from '../../../src/local-cluster.ts';
import { MAPPED_PORT_OFFSET } from '../../../src/runtime/pod-port-mapping.ts';
import { kubectlFor } from '../../support/kubectl.ts';
import { TEST_IMAGES } from '../../support/test-images.ts';

const APP = `
apiVersion: v1
kind: Namespace
metadata: { name: low-ports }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: low-ports }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: web
          image: local-cluster-test/web:dev
          env:
            - { name: HTTP_PORT, value: "80" }
            - { name: UDP_PORT, value: "53" }
            - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
          ports: [{ name: http, containerPort: 80 }, { name: dns, containerPort: 53, protocol: UDP }]
          readinessProbe: { httpGet: { path: /health, port: http }, periodSeconds: 1 }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: low-ports }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }, { name: alt, port: 8081, targetPort: http }]
---
apiVersion: v1
kind: Service
metadata: { name: dns, namespace: low-ports }
spec:
  type: LoadBalancer
  selector: { app: web }
  ports: [{ name: dns, port: 53, targetPort: dns, protocol: UDP }, { name: mdns, port: 5353, targetPort: dns, protocol: UDP }]
`;

/** The JSON answer to one datagram from a fresh socket, or 'timeout' after 2 s. */
function datagram(host: string, port: number, text: string): Promise<string> {
  const socket = createSocket('udp4');
  return new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 2000);
    socket.once('message', (answer) => {
      clearTimeout(timer);
      resolve(answer.toString());
    });
    socket.send(text, port, host);
  }).finally(() => socket.close());
}

function get(host: string, port: number, requestPath = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path: requestPath, agent: false, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${host}:${port}${requestPath} timed out`)));
    request.on('error', reject);
  });
}

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('local cluster without the privilege to bind low ports (integration)', function () {
  this.timeout(120_000);
  let cluster: LocalCluster;
  let stateDir: string;
  const kubectl = (args: string[], stdin = '') => kubectlFor(cluster.kubeconfigPath, path.join(stateDir, 'kube-cache')).run(args, stdin);

  before(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'local-cluster-low-ports-'));
    cluster = await startLocalCluster({ stateDir: path.join(stateDir, 'cluster'), images: TEST_IMAGES, privilegedPorts: 'mapped' });
    await kubectl(['apply', '-f', '-'], APP);
    await kubectl(['rollout', 'status', 'deployment/web', '-n', 'low-ports', '--timeout=40s']);
  });
  after(async () => {
    await cluster?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('runs pods on port 80: ready through their probe, believing they listen on 80, served on the mapped port', async () => {
    assert.equal(cluster.mappedBelow, 1024);
    const [first, second] = (await kubectl(['get', 'pods', '-n', 'low-ports', '-o', 'jsonpath={.items[*].status.podIP}'])).split(' ');
    assert.ok(first && second);
    const answer = await get(first, 80 + MAPPED_PORT_OFFSET);
    assert.equal(answer.status, 200);
    assert.equal(JSON.parse(answer.body).listening, 80, 'server.address() inside the pod reports the port it asked for');
    assert.deepEqual(cluster.reach(first, 80), { host: first, port: 80 + MAPPED_PORT_OFFSET });
    assert.deepEqual(cluster.reach(first, 3000), { host: first, port: 3000 });

    const podToPod = await get(first, 80 + MAPPED_PORT_OFFSET, `/fetch?target=${second}:80`);
    assert.equal(podToPod.status, 200, `a pod dialing ${second}:80: ${podToPod.body}`);
    assert.equal(JSON.parse(podToPod.body).path, '/from-pod');
  });

  it("serves the LoadBalancer's port 80 on the node at its NodePort, and its port 8081 on its own address", async () => {
    const service = JSON.parse(await kubectl(['get', 'service', 'web', '-n', 'low-ports', '-o', 'json'])) as {
      spec: { ports: { port: number; nodePort: number }[] };
      status: { loadBalancer: { ingress: { ip: string }[] } };
    };
    const ip = service.status.loadBalancer.ingress[0]?.ip ?? '';
    const nodePort = service.spec.ports.find((port) => port.port === 80)?.nodePort ?? 0;
    assert.match(ip, /^127\.20\./);
    assert.ok(nodePort >= 30000 && nodePort <= 32767, `nodePort ${nodePort}`);

    const table = await kubectl(['get', 'service', 'web', '-n', 'low-ports']);
    assert.match(table, new RegExp(`LoadBalancer\\s+10\\.96\\.[\\d.]+\\s+${ip.replaceAll('.', '\\.')}\\s+80:${nodePort}/TCP,8081:\\d+/TCP`));
    const nodes = await kubectl(['get', 'nodes', '-o', 'wide']);
    assert.match(nodes, new RegExp(`gauntlet-local\\s+Ready\\s+control-plane\\s+\\S+\\s+v1\\.32\\.0\\s+${cluster.nodeAddress.replaceAll('.', '\\.')}\\s`));

    assert.deepEqual(cluster.reach(ip, 80), { host: cluster.nodeAddress, port: nodePort });
    assert.deepEqual(cluster.reach(ip, 8081), { host: ip, port: 8081 });
    assert.ok(await refused(ip, 80), `nothing listens on ${ip}:80`);
    const pods = new Set<string>();
    for (let i = 0; i < 6; i++) pods.add(JSON.parse((await get(cluster.nodeAddress, nodePort)).body).pod);
    assert.equal(pods.size, 2, 'the NodePort balances over both pods');
    assert.equal((await get(ip, 8081)).status, 200);

    const events = await kubectl(['get', 'events', '-n', 'low-ports', '--field-selector', 'involvedObject.kind=Service', '-o', 'jsonpath={.items[*].message}']);
    assert.match(events, new RegExp(`port 80 of ${ip.replaceAll('.', '\\.')} cannot be bound.*served on the node instead, ${cluster.nodeAddress.replaceAll('.', '\\.')}:${nodePort}`));
  });

  it("serves a LoadBalancer's UDP port 53 on the node at its UDP NodePort, and its UDP port 5353 on its own address", async () => {
    const service = JSON.parse(await kubectl(['get', 'service', 'dns', '-n', 'low-ports', '-o', 'json'])) as {
      spec: { ports: { port: number; nodePort: number }[] };
      status: { loadBalancer: { ingress: { ip: string }[] } };
    };
    const ip = service.status.loadBalancer.ingress[0]?.ip ?? '';
    const nodePort = service.spec.ports.find((port) => port.port === 53)?.nodePort ?? 0;
    assert.deepEqual(cluster.reach(ip, 53, 'UDP'), { host: cluster.nodeAddress, port: nodePort });
    assert.deepEqual(cluster.reach(ip, 5353, 'UDP'), { host: ip, port: 5353 });
    const viaNode = JSON.parse(await datagram(cluster.nodeAddress, nodePort, 'via the node'));
    assert.deepEqual([viaNode.path, viaNode.listening], ['via the node', 53], 'the pod believes it listens on 53');
    const direct = JSON.parse(await datagram(ip, 5353, 'direct'));
    assert.equal(direct.path, 'direct');
    const pods = new Set<string>();
    for (let i = 0; i < 6; i++) pods.add(JSON.parse(await datagram(ip, 5353, `flow ${i}`)).pod);
    assert.equal(pods.size, 2, 'new flows (fresh sockets) are balanced over both pods');
  });
});
