import assert from 'node:assert/strict';
import { createObject, updateObject, type WriteTarget } from '../../../src/api/object-writer.ts';
import type { ResourceInfo } from '../../../src/api/resource-info.ts';
import type { ServerContext } from '../../../src/api/server-context.ts';
import { ApiError } from '../../../src/store/api-error.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { testServerContext } from '../../support/server-context.ts';

type Json = Record<string, unknown>;

const newContext = (): ServerContext => testServerContext();

function info(ctx: ServerContext, resource: string): ResourceInfo {
  const found = ctx.registry.findAnyVersion(resource === 'deployments' ? 'apps' : '', resource);
  assert.ok(found, resource);
  return found;
}

function target(ctx: ServerContext, resource: string, extra: Partial<WriteTarget> = {}): WriteTarget {
  const resourceInfo = info(ctx, resource);
  return {
    info: resourceInfo,
    namespace: resourceInfo.namespaced ? 'default' : undefined,
    name: undefined,
    subresource: undefined,
    dryRun: false,
    ...extra,
  };
}

function service(name: string, spec: Json): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec };
}

function specOf(object: KubeObject): Json {
  return object.spec as Json;
}

function isApiError(code: number, pattern: RegExp) {
  return (error: unknown) => error instanceof ApiError && error.code === code && pattern.test(error.message);
}

describe('object writer (create/update with built-in defaulting)', () => {
  it('allocates distinct cluster IPs and defaults ports as the real server does', () => {
    const ctx = newContext();
    const a = createObject(ctx, target(ctx, 'services'), service('a', { ports: [{ port: 80 }] }));
    const b = createObject(ctx, target(ctx, 'services'), service('b', { ports: [{ port: 80, targetPort: 'http' }] }));
    assert.match(String(specOf(a).clusterIP), /^10\.96\.\d+\.\d+$/);
    assert.notEqual(specOf(a).clusterIP, specOf(b).clusterIP);
    assert.deepEqual(specOf(a).clusterIPs, [specOf(a).clusterIP]);
    assert.equal(specOf(a).type, 'ClusterIP');
    assert.deepEqual(specOf(a).ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    assert.deepEqual(specOf(b).ports, [{ port: 80, protocol: 'TCP', targetPort: 'http' }]);
  });

  it('keeps the cluster IP and node ports when an update leaves them out', () => {
    const ctx = newContext();
    const created = createObject(ctx, target(ctx, 'services'), service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }));
    const nodePort = (specOf(created).ports as Json[])[0]?.nodePort;
    assert.equal(typeof nodePort, 'number');
    const updated = updateObject(
      ctx,
      target(ctx, 'services', { name: 'lb' }),
      service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }], selector: { app: 'x' } }),
    );
    assert.equal(specOf(updated).clusterIP, specOf(created).clusterIP);
    assert.equal((specOf(updated).ports as Json[])[0]?.nodePort, nodePort);
  });

  it('defaults a Deployment and drops the status sent on create', () => {
    const ctx = newContext();
    const created = createObject(ctx, target(ctx, 'deployments'), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'gateway-gauntlet/echo:dev', ports: [{ containerPort: 3000 }] }] } } },
      status: { readyReplicas: 5 },
    });
    assert.equal(specOf(created).replicas, 1);
    assert.deepEqual(specOf(created).strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    const container = ((specOf(created).template as Json).spec as { containers: Json[] }).containers[0];
    assert.equal(container?.imagePullPolicy, 'IfNotPresent');
    assert.deepEqual(container?.ports, [{ containerPort: 3000, protocol: 'TCP' }]);
    assert.equal(created.status, undefined);
  });

  it('fills the Pod and template defaults clients read back: probes, pull policy, termination message, scheduling', () => {
    const ctx = newContext();
    const containers = [
      {
        name: 'c',
        image: 'gateway-gauntlet/echo',
        readinessProbe: { httpGet: { path: '/', port: 3000 } },
        livenessProbe: { tcpSocket: { port: 3000 }, periodSeconds: 2 },
      },
    ];
    const pod = createObject(ctx, target(ctx, 'pods'), { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers } });
    const spec = specOf(pod);
    const [container] = spec.containers as Json[];
    assert.deepEqual(container?.readinessProbe, {
      httpGet: { path: '/', port: 3000, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    assert.deepEqual(container?.livenessProbe, { tcpSocket: { port: 3000 }, periodSeconds: 2, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    assert.equal(container?.imagePullPolicy, 'Always'); // no tag means latest
    assert.equal(container?.terminationMessagePath, '/dev/termination-log');
    assert.equal(container?.terminationMessagePolicy, 'File');
    assert.deepEqual(
      [spec.restartPolicy, spec.dnsPolicy, spec.schedulerName, spec.terminationGracePeriodSeconds, spec.securityContext, spec.enableServiceLinks],
      ['Always', 'ClusterFirst', 'default-scheduler', 30, {}, true],
    );
    assert.equal(pod.metadata.generation, undefined, 'Pods carry no generation in Kubernetes 1.32');
    const deployment = createObject(ctx, target(ctx, 'deployments'), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { template: { spec: { containers } } },
    });
    const template = (specOf(deployment).template as Json).spec as { containers: Json[] };
    assert.equal((template.containers[0]?.readinessProbe as Json | undefined)?.failureThreshold, 3);
    assert.equal(deployment.metadata.generation, 1);
  });

  it('gives a LoadBalancer Service node ports in 30000-32767, traffic policies and IP families', () => {
    const ctx = newContext();
    const created = createObject(ctx, target(ctx, 'services'), service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }, { port: 443 }] }));
    const spec = specOf(created);
    const nodePorts = (spec.ports as Json[]).map((p) => p.nodePort as number);
    assert.ok(nodePorts.every((p) => p >= 30000 && p <= 32767));
    assert.notEqual(nodePorts[0], nodePorts[1]);
    assert.deepEqual(
      [spec.externalTrafficPolicy, spec.internalTrafficPolicy, spec.sessionAffinity, spec.ipFamilies, spec.ipFamilyPolicy],
      ['Cluster', 'Cluster', 'None', ['IPv4'], 'SingleStack'],
    );
  });

  it('starts a Pod Pending, labels a Namespace with its name, folds Secret stringData into data', () => {
    const ctx = newContext();
    const pod = createObject(ctx, target(ctx, 'pods'), {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'x:latest' }] },
    });
    assert.deepEqual(pod.status, { phase: 'Pending' });
    const ns = createObject(ctx, target(ctx, 'namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    assert.equal(ns.metadata.labels?.['kubernetes.io/metadata.name'], 'team');
    const secret = createObject(ctx, target(ctx, 'secrets'), {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { password: 'hunter2' },
    });
    assert.deepEqual(secret.data, { password: Buffer.from('hunter2').toString('base64') });
    assert.equal(secret.stringData, undefined);
    assert.equal(secret.type, 'Opaque');
  });

  it('answers 404 for a namespace that does not exist, 400 for a wrong kind or name, 422 for a bad name', () => {
    const ctx = newContext();
    const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
    assert.throws(
      () => createObject(ctx, target(ctx, 'configmaps', { namespace: 'nowhere' }), configMap('c')),
      isApiError(404, /namespaces "nowhere" not found/),
    );
    assert.throws(
      () => createObject(ctx, target(ctx, 'configmaps'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'c' } }),
      isApiError(400, /do not match/),
    );
    assert.throws(() => createObject(ctx, target(ctx, 'configmaps'), configMap('Not_Valid')), isApiError(422, /metadata\.name/));
    createObject(ctx, target(ctx, 'configmaps'), configMap('c'));
    assert.throws(
      () => updateObject(ctx, target(ctx, 'configmaps', { name: 'other' }), configMap('c')),
      isApiError(400, /does not match the name on the URL/),
    );
  });

  it('validates but does not store on dryRun', () => {
    const ctx = newContext();
    const result = createObject(ctx, target(ctx, 'configmaps', { dryRun: true }), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dry' },
    });
    assert.equal(result.metadata.name, 'dry');
    assert.equal(ctx.store.get({ group: '', resource: 'configmaps' }, 'default', 'dry'), undefined);
  });
});
