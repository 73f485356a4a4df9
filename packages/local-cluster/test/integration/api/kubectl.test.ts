import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { gatewayApiStandardBundle, type LocalApiFixture, startLocalApi } from './local-api-fixture.ts';

const APP_V1 = `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: { app: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: echo
          image: gateway-gauntlet/echo:dev
          ports: [{ containerPort: 3000 }]
          env: [{ name: MODE, value: one }]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 3000 }]
`;

const APP_V2 = APP_V1.replace('spec:\n  selector: { matchLabels', 'spec:\n  replicas: 3\n  selector: { matchLabels')
  .replace('value: one', 'value: two')
  .replace("ports: [{ name: http, port: 80, targetPort: 3000 }]", "ports: [{ name: http, port: 80, targetPort: 3000 }, { name: admin, port: 9000 }]");

const GATEWAY = `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: gauntlet
spec:
  controllerName: gauntlet.dev/controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: shop
spec:
  gatewayClassName: gauntlet
  listeners:
    - name: http
      port: 80
      protocol: HTTP
`;

const HTTP_ROUTE = `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: shop
spec:
  parentRefs: [{ name: edge }]
  rules:
    - matches: [{ path: { type: PathPrefix, value: / } }]
      backendRefs:
        - name: web
          port: 80
`;

describe('local API server with kubectl', function () {
  this.timeout(120_000);
  let api: LocalApiFixture;
  let standardBundle: string;

  before(async () => {
    standardBundle = await gatewayApiStandardBundle();
    api = await startLocalApi();
  });
  after(async () => {
    await api?.close();
  });

  it('applies a Namespace, a Deployment and a Service, with the defaults the real server fills in', async () => {
    const out = await api.kubectl(['apply', '-f', '-'], APP_V1);
    assert.match(out, /namespace\/shop created/);
    assert.match(out, /deployment.apps\/web created/);
    assert.match(out, /service\/web created/);
    const deployment = JSON.parse(await api.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json']));
    assert.equal(deployment.spec.replicas, 1);
    assert.equal(deployment.spec.strategy.type, 'RollingUpdate');
    assert.equal(deployment.metadata.generation, 1);
    const service = JSON.parse(await api.kubectl(['get', 'service', 'web', '-n', 'shop', '-o', 'json']));
    assert.match(service.spec.clusterIP, /^10\.96\.\d+\.\d+$/);
    assert.deepEqual(service.spec.ports, [{ name: 'http', port: 80, targetPort: 3000, protocol: 'TCP' }]);
  });

  it('applies a changed manifest as a strategic merge patch', async () => {
    const before = JSON.parse(await api.kubectl(['get', 'service', 'web', '-n', 'shop', '-o', 'json']));
    const out = await api.kubectl(['apply', '-f', '-'], APP_V2);
    assert.match(out, /deployment.apps\/web configured/);
    assert.match(out, /service\/web configured/);
    const deployment = JSON.parse(await api.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json']));
    assert.equal(deployment.spec.replicas, 3);
    assert.deepEqual(deployment.spec.template.spec.containers[0].env, [{ name: 'MODE', value: 'two' }]);
    assert.equal(deployment.metadata.generation, 2);
    const service = JSON.parse(await api.kubectl(['get', 'service', 'web', '-n', 'shop', '-o', 'json']));
    assert.equal(service.spec.clusterIP, before.spec.clusterIP);
    assert.deepEqual(
      service.spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`),
      ['http:80', 'admin:9000'],
    );
  });

  it('scales a Deployment through its scale subresource', async () => {
    assert.match(await api.kubectl(['scale', 'deployment', 'web', '-n', 'shop', '--replicas=5']), /scaled/);
    const deployment = JSON.parse(await api.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'json']));
    assert.equal(deployment.spec.replicas, 5);
  });

  it('lists with kubectl get as a table', async () => {
    const out = await api.kubectl(['get', 'deployments,services', '-n', 'shop']);
    assert.match(out, /deployment.apps\/web/);
    assert.match(out, /service\/web/);
  });

  it('refuses an object in a namespace that does not exist, as the real server does', async () => {
    const stderr = await api.kubectlFailure(
      ['apply', '-f', '-'],
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: nowhere }\n',
    );
    assert.match(stderr, /namespaces "nowhere" not found/);
  });

  it('refuses a protobuf body with a message that says to use kubectl apply', async () => {
    const stderr = await api.kubectlFailure(['create', 'namespace', 'proto']);
    assert.match(stderr, /kubectl apply -f/);
  });

  it('installs the Gateway API CRDs and serves them generically', async () => {
    await api.kubectl(['apply', '-f', standardBundle]);
    await api.kubectl(['wait', '--for=condition=Established', 'crd/gateways.gateway.networking.k8s.io', '--timeout=10s']);
    const out = await api.kubectl(['apply', '-f', '-'], GATEWAY);
    assert.match(out, /gatewayclass.gateway.networking.k8s.io\/gauntlet created/);
    assert.match(out, /gateway.gateway.networking.k8s.io\/edge created/);
    const gateway = JSON.parse(await api.kubectl(['get', 'gateway', 'edge', '-n', 'shop', '-o', 'json']));
    // A schema default the CRD declares, filled in by the server.
    assert.equal(gateway.spec.listeners[0].allowedRoutes.namespaces.from, 'Same');
  });

  it('refuses a custom resource with a misspelt field under kubectl\'s Strict field validation, naming the field', async () => {
    const stderr = await api.kubectlFailure(['apply', '-f', '-'], HTTP_ROUTE.replace('backendRefs:', 'backendref:'));
    assert.match(stderr, /HTTPRoute in version "v1" cannot be handled as a HTTPRoute: strict decoding error: unknown field "spec.rules\[0\].backendref"/);
    assert.match(await api.kubectlFailure(['get', 'httproute', 'web', '-n', 'shop']), /not found/);
  });

  it('stores a custom resource without its unknown fields under Warn, and kubectl prints the warning', async () => {
    const result = await api.kubectlResult(['apply', '--validate=warn', '-f', '-'], HTTP_ROUTE.replace('      backendRefs:', '      timeoutz: 5s\n      backendRefs:'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Warning: unknown field "spec.rules\[0\].timeoutz"/);
    const route = JSON.parse(await api.kubectl(['get', 'httproute', 'web', '-n', 'shop', '-o', 'json']));
    assert.equal(route.spec.rules[0].timeoutz, undefined);
    assert.equal(route.spec.rules[0].backendRefs[0].name, 'web');
    // Applying a change to the existing route is a merge patch, checked the same way.
    const stderr = await api.kubectlFailure(['apply', '-f', '-'], HTTP_ROUTE.replace('port: 80', 'port: 81').replace('backendRefs:', 'backendref:'));
    assert.match(stderr, /strict decoding error: unknown field "spec.rules\[0\].backendref"/);
    const unchanged = JSON.parse(await api.kubectl(['get', 'httproute', 'web', '-n', 'shop', '-o', 'json']));
    assert.equal(unchanged.spec.rules[0].backendRefs[0].port, 80);
    await api.kubectl(['delete', 'httproute', 'web', '-n', 'shop']);
  });

  it('refuses a built-in object with a misspelt field under Strict, as the real server does', async () => {
    const stderr = await api.kubectlFailure(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: typo, namespace: shop }\ndatta: { a: b }\n');
    assert.match(stderr, /ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"/);
  });

  it('rejects an invalid custom resource with a 422 naming the field', async () => {
    const stderr = await api.kubectlFailure(
      ['apply', '-f', '-'],
      GATEWAY.split('---')[1]?.replace('name: edge', 'name: bad').replace('port: 80', 'port: 70000') ?? '',
    );
    assert.match(stderr, /spec\.listeners\[0\]\.port/);
  });

  it('waits for a condition written through the status subresource by client-node', async () => {
    const config = new KubeConfig();
    config.loadFromFile(api.server.kubeconfigPath);
    const custom = config.makeApiClient(CustomObjectsApi);
    const statusPatch = {
      status: {
        conditions: [
          {
            type: 'Accepted',
            status: 'True',
            reason: 'Accepted',
            message: 'accepted by the test',
            observedGeneration: 1,
            lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          },
        ],
      },
    };
    const waiting = api.kubectl(['wait', '--for=condition=Accepted', 'gatewayclass/gauntlet', '--timeout=10s']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await custom.patchClusterCustomObjectStatus(
      { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gatewayclasses', name: 'gauntlet', body: statusPatch },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    assert.match(await waiting, /condition met/);
  });

  it('prints printer columns for kubectl get gateways -A', async () => {
    const out = await api.kubectl(['get', 'gateways', '-A']);
    const [header, row] = out.trim().split('\n');
    assert.match(header ?? '', /NAMESPACE\s+NAME\s+CLASS\s+ADDRESS\s+PROGRAMMED\s+AGE/);
    assert.match(row ?? '', /shop\s+edge\s+gauntlet\s+/);
  });

  it('serves pod logs from the state directory, whole, tailed and followed', async () => {
    await api.kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: { name: logger }\nspec: { containers: [{ name: c, image: gateway-gauntlet/echo:dev }] }\n');
    await mkdir(join(api.stateDir, 'pods'), { recursive: true });
    await writeFile(join(api.stateDir, 'pods', 'default_logger.log'), 'first\nsecond\nthird\n');
    assert.equal(await api.kubectl(['logs', 'logger']), 'first\nsecond\nthird\n');
    assert.equal(await api.kubectl(['logs', 'logger', '--tail=1']), 'third\n');
    const following = api.kubectl(['logs', '-f', 'logger']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await writeFile(join(api.stateDir, 'pods', 'default_logger.log'), 'first\nsecond\nthird\nfourth\n');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await api.kubectl(['delete', 'pod', 'logger', '--wait=false']);
    assert.equal(await following, 'first\nsecond\nthird\nfourth\n');
  });

  it('reports no metadata.generation for a Pod (Kubernetes 1.32) and deletes a scheduled Pod gracefully', async () => {
    await api.kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: { name: graceful, namespace: shop }\nspec: { nodeName: gauntlet-local, terminationGracePeriodSeconds: 45, containers: [{ name: c, image: gateway-gauntlet/echo:dev }] }\n');
    const pod = JSON.parse(await api.kubectl(['get', 'pod', 'graceful', '-n', 'shop', '-o', 'json']));
    assert.equal(pod.metadata.generation, undefined);
    // No kubelet runs here: the Pod stays in its grace period until deleted again with --grace-period=0.
    await api.kubectl(['delete', 'pod', 'graceful', '-n', 'shop', '--wait=false']);
    const terminating = JSON.parse(await api.kubectl(['get', 'pod', 'graceful', '-n', 'shop', '-o', 'json']));
    assert.equal(terminating.metadata.deletionGracePeriodSeconds, 45);
    assert.ok(terminating.metadata.deletionTimestamp);
    await api.kubectl(['delete', 'pod', 'graceful', '-n', 'shop', '--grace-period=0', '--force']);
    assert.match(await api.kubectlFailure(['get', 'pod', 'graceful', '-n', 'shop']), /not found/);
  });

  it('deletes dependents in the background, or orphans them when asked', async () => {
    const ownedBy = async (kind: string, name: string) => {
      const owner = JSON.parse(await api.kubectl(['get', kind, name, '-n', 'shop', '-o', 'json']));
      return `{ apiVersion: ${owner.apiVersion}, kind: ${owner.kind}, name: ${name}, uid: ${owner.metadata.uid} }`;
    };
    await api.kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: owner, namespace: shop }\n');
    const configMap = (name: string, ref: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: shop, ownerReferences: [${ref}] }\n`;
    await api.kubectl(['apply', '-f', '-'], configMap('orphan', await ownedBy('deployment', 'web')));
    await api.kubectl(['apply', '-f', '-'], configMap('dependent', await ownedBy('configmap', 'owner')));
    await api.kubectl(['delete', 'deployment', 'web', '-n', 'shop', '--cascade=orphan']);
    const orphan = JSON.parse(await api.kubectl(['get', 'configmap', 'orphan', '-n', 'shop', '-o', 'json']));
    assert.deepEqual(orphan.metadata.ownerReferences ?? [], []);
    await api.kubectl(['delete', 'configmap', 'owner', '-n', 'shop']);
    assert.match(await api.kubectlFailure(['get', 'configmap', 'dependent', '-n', 'shop']), /not found/);
  });

  it('deletes objects, and deleting a namespace deletes what is in it', async () => {
    assert.match(await api.kubectl(['delete', 'gateway', 'edge', '-n', 'shop']), /deleted/);
    assert.match(await api.kubectlFailure(['get', 'gateway', 'edge', '-n', 'shop']), /not found/);
    await api.kubectl(['delete', 'namespace', 'shop']);
    assert.match(await api.kubectlFailure(['get', 'service', 'web', '-n', 'shop']), /not found/);
  });
});
