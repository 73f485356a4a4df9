import assert from 'node:assert/strict';
import type { CustomObjectsApi, KubernetesObject } from '@kubernetes/client-node';
import pino from 'pino';
import { IrRegistry } from '../../../reference-impl/controller/config-server/ir-registry.ts';
import type { ManagedObjects, ReconcileReport } from '../../../reference-impl/controller/infra/infra-provisioner.ts';
import { buildSnapshot, type WatchedObjects } from '../../../reference-impl/controller/provider/snapshot-builder.ts';
import type { ResourceName } from '../../../reference-impl/controller/provider/watched-resources.ts';
import { Reconciler } from '../../../reference-impl/controller/reconciler.ts';
import { StatusWriter } from '../../../reference-impl/controller/status/status-writer.ts';
import type { InfraIntent } from '../../../reference-impl/controller/translator/translation-result.ts';

const CONTROLLER = 'gauntlet.dev/gateway-controller';

function objects(): WatchedObjects {
  return {
    gatewayClasses: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'gauntlet', generation: 1 }, spec: { controllerName: CONTROLLER } } as KubernetesObject],
    gateways: [
      {
        metadata: { name: 'gw', namespace: 'infra', uid: 'u1', generation: 1, creationTimestamp: new Date('2026-01-01T00:00:00.123Z') },
        spec: { gatewayClassName: 'gauntlet', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
      } as unknown as KubernetesObject,
      { metadata: { name: 'broken', namespace: 'infra' } },
    ],
    httpRoutes: [],
  grpcRoutes: [],
    tlsRoutes: [],
    tcpRoutes: [],
    udpRoutes: [],
    listenerSets: [],
    referenceGrants: [],
    secrets: [],
    configMaps: [],
    backendTlsPolicies: [],
    services: [
      {
        metadata: { name: 'gauntlet-gw', namespace: 'infra', labels: { 'app.kubernetes.io/managed-by': 'gauntlet-controller' } },
        status: { loadBalancer: { ingress: [{ ip: '127.0.20.1' }] } },
      } as KubernetesObject,
    ],
    endpointSlices: [],
    namespaces: [{ metadata: { name: 'infra' } }],
    proxyDeployments: [{ metadata: { name: 'gauntlet-gw', namespace: 'infra' }, status: { readyReplicas: 1 } } as KubernetesObject],
    customResourceDefinitions: [],
  };
}

/** A status API that stores what is patched into the watched objects, replacing each as an informer's cache would. */
function fakeStatusApi(watched: WatchedObjects) {
  const patches: string[] = [];
  const apply = (plural: string, name: string, body: { status: Record<string, unknown> }) => {
    patches.push(`${plural}/${name}`);
    const kind = plural === 'gatewayclasses' ? 'gatewayClasses' : plural === 'gateways' ? 'gateways' : plural === 'tlsroutes' ? 'tlsRoutes' : 'httpRoutes';
    const list = watched[kind] as (KubernetesObject & { status?: Record<string, unknown> })[];
    const at = list.findIndex((object) => object.metadata?.name === name);
    const target = list[at];
    if (target) list[at] = { ...target, status: Object.fromEntries(Object.entries({ ...target.status, ...body.status }).filter(([, value]) => value !== null)) };
    return Promise.resolve({});
  };
  const api = {
    patchClusterCustomObjectStatus: (request: { plural: string; name: string; body: { status: Record<string, unknown> } }) => apply(request.plural, request.name, request.body),
    patchNamespacedCustomObjectStatus: (request: { plural: string; name: string; body: { status: Record<string, unknown> } }) => apply(request.plural, request.name, request.body),
  };
  return { api: api as unknown as CustomObjectsApi, patches };
}

function setup(options: { synced: boolean; refuseWrites?: boolean }) {
  const watched = objects();
  const statusApi = fakeStatusApi(watched);
  if (options.refuseWrites) {
    const refuse = () => Promise.reject(Object.assign(new Error('Internal error'), { code: 500 }));
    Object.assign(statusApi.api, { patchClusterCustomObjectStatus: refuse, patchNamespacedCustomObjectStatus: refuse });
  }
  const failedWrites: number[] = [];
  const infraCalls: { intents: InfraIntent[]; observed: ManagedObjects }[] = [];
  const registry = new IrRegistry();
  const reconciler = new Reconciler({
    controllerName: CONTROLLER,
    cache: {
      allSynced: () => options.synced,
      notSynced: () => (options.synced ? [] : ['Gateways']),
      snapshot: (now) => buildSnapshot(watched, now),
      list: (name: ResourceName) => watched[name],
    },
    statusWriter: new StatusWriter(statusApi.api),
    provisioner: {
      reconcile: async (intents, observed): Promise<ReconcileReport> => {
        infraCalls.push({ intents, observed });
        return { changes: [], errors: [] };
      },
    },
    registry,
    onStatusWriteFailed: () => failedWrites.push(1),
    log: pino({ level: 'silent' }),
    clock: () => new Date('2026-11-26T10:00:00.456Z'),
  });
  return { reconciler, registry, patches: statusApi.patches, infraCalls, watched, failedWrites };
}

describe('reconciler', () => {
  it('does nothing and stays unready until every watched kind has been listed', async () => {
    const { reconciler, patches, infraCalls } = setup({ synced: false });
    assert.deepEqual(await reconciler.reconcileOnce(), { ran: false, errors: 0 });
    assert.equal(reconciler.ready, false);
    assert.deepEqual(patches, []);
    assert.equal(infraCalls.length, 0, 'a partial view must not touch infra');
  });

  it('publishes the IR, writes statuses once, converges infra and becomes ready', async () => {
    const { reconciler, registry, patches, infraCalls, watched } = setup({ synced: true });
    assert.deepEqual(await reconciler.reconcileOnce(), { ran: true, errors: 0 });
    await reconciler.statusWritesDone();
    assert.equal(reconciler.ready, true);
    assert.equal(registry.current('infra/gw').ir?.listeners[0]?.port, 80);
    assert.deepEqual(patches.sort(), ['gatewayclasses/gauntlet', 'gateways/gw']);
    const gatewayStatus = (watched.gateways[0] as { status?: { addresses?: unknown; conditions?: { type: string; status: string; lastTransitionTime: string }[] } }).status;
    assert.deepEqual(gatewayStatus?.addresses, [{ type: 'IPAddress', value: '127.0.20.1' }]);
    assert.equal(gatewayStatus?.conditions?.find((condition) => condition.type === 'Programmed')?.status, 'True');
    assert.equal(gatewayStatus?.conditions?.[0]?.lastTransitionTime, '2026-11-26T10:00:00Z', 'second precision');
    assert.deepEqual(infraCalls[0]?.intents.map((intent) => intent.gateway.name), ['gw']);
    assert.equal(infraCalls[0]?.observed.services.length, 1);

    patches.length = 0;
    await reconciler.reconcileOnce();
    await reconciler.statusWritesDone();
    assert.deepEqual(patches, [], 'a steady state writes nothing');
  });

  it('tells its owner of each status write that failed in the background, so it can schedule another pass', async () => {
    const { reconciler, registry, failedWrites } = setup({ synced: true, refuseWrites: true });
    assert.deepEqual(await reconciler.reconcileOnce(), { ran: true, errors: 0 }, 'the pass itself (the IR) went through');
    await reconciler.statusWritesDone();
    assert.equal(registry.current('infra/gw').ir?.listeners[0]?.port, 80);
    assert.equal(failedWrites.length, 2, 'the GatewayClass and the Gateway');
  });
});
