import assert from 'node:assert/strict';
import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import { infraName, proxySelectorLabels } from '../../../reference-impl/controller/infra/infra-names.ts';
import { InfraProvisioner } from '../../../reference-impl/controller/infra/infra-provisioner.ts';
import { ownedFieldsMatch } from '../../../reference-impl/controller/infra/owned-fields.ts';
import { proxyDeployment, proxyService } from '../../../reference-impl/controller/infra/proxy-manifests.ts';
import type { InfraIntent } from '../../../reference-impl/controller/translator/translation-result.ts';

const intent: InfraIntent = { gateway: { namespace: 'infra', name: 'gw', uid: 'uid-1' }, ports: [80, 8080], udpPorts: [] };
const options = { image: 'gateway-gauntlet/proxy:dev', configServer: '127.0.5.1:18000' };

/** Records calls; answers like an API server that accepted them. */
function fakeApi(failWith?: { code: number }) {
  const calls: { verb: string; kind: string | undefined; name: string | undefined; patchStrategy?: string }[] = [];
  const api = {
    async create(spec: KubernetesObject) {
      calls.push({ verb: 'create', kind: spec.kind, name: spec.metadata?.name });
      if (failWith) throw failWith;
      return spec;
    },
    async patch(spec: KubernetesObject, _pretty?: string, _dryRun?: string, _manager?: string, _force?: boolean, patchStrategy?: string) {
      calls.push({ verb: 'patch', kind: spec.kind, name: spec.metadata?.name, ...(patchStrategy ? { patchStrategy } : {}) });
      return spec;
    },
    async delete(spec: KubernetesObject) {
      calls.push({ verb: 'delete', kind: spec.kind, name: spec.metadata?.name });
      return {};
    },
  };
  return { api: api as unknown as KubernetesObjectApi, calls };
}

/** What an API server returns: our object plus defaults and status. */
function asStored(object: ReturnType<typeof proxyDeployment>): KubernetesObject {
  const copy = structuredClone(object) as unknown as KubernetesObject & { spec: { template?: { spec: { containers: Record<string, unknown>[] } } } };
  copy.metadata = { ...copy.metadata, uid: 'x', resourceVersion: '7', labels: { ...copy.metadata?.labels, extra: 'kept' } };
  const container = copy.spec.template?.spec.containers[0];
  if (container) container.imagePullPolicy = 'IfNotPresent';
  return copy;
}

describe('infra', () => {
  it('names objects gauntlet-<gateway>, within 63 characters and unique when truncated', () => {
    assert.equal(infraName('gw'), 'gauntlet-gw');
    assert.equal(infraName('my.gw'), 'gauntlet-my-gw');
    const long = 'a'.repeat(100);
    assert.ok(infraName(long).length <= 63);
    assert.match(infraName(long), /^gauntlet-a+-[0-9a-f]{8}$/);
    assert.notEqual(infraName(long), infraName(`${long}b`));
    assert.ok((proxySelectorLabels(long)['gateway.networking.k8s.io/gateway-name'] ?? '').length <= 63);
  });

  it('builds a proxy Deployment with the config server, POD_IP from the pod, readiness on the admin port and an owner reference', () => {
    const deployment = proxyDeployment(intent, options) as unknown as {
      metadata: { labels: Record<string, string>; ownerReferences: { kind: string; uid: string; controller: boolean }[] };
      spec: { template: { spec: { containers: { image: string; env: Record<string, unknown>[]; readinessProbe: unknown; ports: { containerPort: number }[] }[] } } };
    };
    assert.equal(deployment.metadata.labels['app.kubernetes.io/managed-by'], 'gauntlet-controller');
    assert.equal(deployment.metadata.labels['gateway.networking.k8s.io/gateway-name'], 'gw');
    assert.deepEqual(deployment.metadata.ownerReferences.map((ref) => [ref.kind, ref.uid, ref.controller]), [['Gateway', 'uid-1', true]]);
    const [container] = deployment.spec.template.spec.containers;
    assert.equal(container?.image, 'gateway-gauntlet/proxy:dev');
    assert.deepEqual(container?.env.find((env) => env.name === 'CONFIG_SERVER'), { name: 'CONFIG_SERVER', value: '127.0.5.1:18000' });
    assert.deepEqual(container?.env.find((env) => env.name === 'POD_IP'), { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
    assert.deepEqual(container?.readinessProbe, { httpGet: { path: '/ready', port: 19001 }, periodSeconds: 2 });
    assert.deepEqual(container?.ports.map((port) => port.containerPort), [80, 8080, 19001]);
  });

  it('builds a LoadBalancer Service with one port per listener port', () => {
    const service = proxyService(intent) as unknown as { spec: { type: string; ports: { port: number; targetPort: number }[] } };
    assert.equal(service.spec.type, 'LoadBalancer');
    assert.deepEqual(service.spec.ports.map((port) => [port.port, port.targetPort]), [[80, 80], [8080, 8080]]);
  });

  it('publishes UDP listener ports as UDP, beside a TCP port of the same number', () => {
    const withUdp: InfraIntent = { ...intent, ports: [53, 80], udpPorts: [53, 5300] };
    const service = proxyService(withUdp) as unknown as { spec: { ports: { name: string; port: number; protocol: string }[] } };
    assert.deepEqual(
      service.spec.ports.map((port) => `${port.name} ${port.port}/${port.protocol}`),
      ['listener-53 53/TCP', 'listener-80 80/TCP', 'udp-53 53/UDP', 'udp-5300 5300/UDP'],
    );
    const deployment = proxyDeployment(withUdp, options) as unknown as { spec: { template: { spec: { containers: { ports: { containerPort: number; protocol: string }[] }[] } } } };
    const ports = deployment.spec.template.spec.containers[0]?.ports.map((port) => `${port.containerPort}/${port.protocol}`);
    assert.deepEqual(ports, ['53/TCP', '80/TCP', '53/UDP', '5300/UDP', '19001/TCP']);
  });

  it('compares only owned fields: extra fields are fine, changed or removed ones are not', () => {
    assert.equal(ownedFieldsMatch({ a: 1, list: [{ x: 1 }] }, { a: 1, b: 2, list: [{ x: 1, y: 2 }] }), true);
    assert.equal(ownedFieldsMatch({ a: 1 }, { a: 2 }), false);
    assert.equal(ownedFieldsMatch({ list: [1] }, { list: [1, 2] }), false);
    assert.equal(ownedFieldsMatch({ a: { b: 1 } }, { a: null }), false);
  });

  it('creates missing objects, leaves matching ones alone, patches drifted ones and deletes unwanted ones', async () => {
    const { api, calls } = fakeApi();
    const provisioner = new InfraProvisioner(api, options);

    await provisioner.reconcile([intent], { deployments: [], services: [] });
    assert.deepEqual(calls.map((call) => `${call.verb} ${call.kind} ${call.name}`), ['create Deployment gauntlet-gw', 'create Service gauntlet-gw']);

    calls.length = 0;
    const storedDeployment = asStored(proxyDeployment(intent, options));
    const storedService = asStored(proxyService(intent));
    await provisioner.reconcile([intent], { deployments: [storedDeployment], services: [storedService] });
    assert.equal(calls.length, 0, 'nothing written when the owned fields match');

    const moved = new InfraProvisioner(api, { ...options, configServer: '127.0.5.9:18000' });
    const orphan = { metadata: { name: 'gauntlet-old', namespace: 'infra' } };
    await moved.reconcile([intent], { deployments: [storedDeployment], services: [storedService, orphan] });
    assert.deepEqual(
      calls.map((call) => `${call.verb} ${call.kind} ${call.name} ${call.patchStrategy ?? ''}`.trim()),
      ['patch Deployment gauntlet-gw application/merge-patch+json', 'delete Service gauntlet-old'],
    );
  });

  it('asks the load balancer for a static address in spec.loadBalancerIP, and clears the field once none is wanted', async () => {
    const withAddress: InfraIntent = { ...intent, loadBalancerIp: '127.40.0.9' };
    assert.equal(proxyService(withAddress).spec.loadBalancerIP, '127.40.0.9');
    assert.equal('loadBalancerIP' in proxyService(intent).spec, false);

    const patches: Record<string, unknown>[] = [];
    const { api, calls } = fakeApi();
    const recording = Object.assign(Object.create(api), {
      async patch(spec: KubernetesObject & { spec: Record<string, unknown> }) {
        patches.push(spec.spec);
        return api.patch(spec);
      },
    }) as KubernetesObjectApi;
    const provisioner = new InfraProvisioner(recording, options);
    const storedDeployment = asStored(proxyDeployment(intent, options));
    await provisioner.reconcile([withAddress], { deployments: [storedDeployment], services: [asStored(proxyService(withAddress))] });
    assert.equal(calls.length, 0, 'nothing written while the Service asks for the wanted address');
    await provisioner.reconcile([intent], { deployments: [storedDeployment], services: [asStored(proxyService(withAddress))] });
    assert.deepEqual(patches.map((spec) => spec.loadBalancerIP), [null], 'the merge patch clears the field');
    await provisioner.reconcile([{ ...intent, loadBalancerIp: '127.40.0.8' }], { deployments: [storedDeployment], services: [asStored(proxyService(withAddress))] });
    assert.deepEqual(patches.map((spec) => spec.loadBalancerIP), [null, '127.40.0.8']);
  });

  it('reports a failed write with the object it concerned and carries on', async () => {
    const { api, calls } = fakeApi({ code: 403 });
    const report = await new InfraProvisioner(api, options).reconcile([intent], { deployments: [], services: [] });
    assert.equal(calls.length, 2);
    assert.equal(report.errors.length, 2);
    assert.match(report.errors[0]?.message ?? '', /create Deployment infra\/gauntlet-gw failed \(HTTP 403\)/);
  });

  it("carries the Gateway's infrastructure labels and annotations onto the Deployment, its pods and the Service, keeping its own selector labels", () => {
    const infrastructure = { labels: { owner: 'platform', [Object.keys(proxySelectorLabels('gw'))[0] ?? '']: 'overridden' }, annotations: { cost: '4711' } };
    const withMetadata: InfraIntent = { ...intent, infrastructure };
    const deployment = proxyDeployment(withMetadata, options) as unknown as { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: { template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> } } } };
    const service = proxyService(withMetadata);
    for (const metadata of [deployment.metadata, deployment.spec.template.metadata, service.metadata]) {
      assert.equal(metadata.labels.owner, 'platform');
      assert.deepEqual(metadata.annotations, { cost: '4711' });
      assert.deepEqual({ ...metadata.labels, owner: undefined }, { ...proxySelectorLabels('gw'), owner: undefined }, 'the selector labels win a clash');
    }
    assert.equal('annotations' in proxyService(intent).metadata, false, 'no annotations without infrastructure');
  });
});
