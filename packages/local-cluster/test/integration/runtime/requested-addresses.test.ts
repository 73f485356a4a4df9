// LoadBalancer Services asking for their address (spec.loadBalancerIP), on a runtime without the privilege to
// bind low ports (forced, so the path runs as root too): an address of the shared on-request pool or of the
// cluster's own block is given and served (a port the cluster may bind on the address itself, port 80 through its
// NodePort); an address outside the pools, or one another Service holds, leaves the Service without ingress, with
// a False condition a controller can read and a Warning Event; changing the request or freeing the address
// gives it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ON_REQUEST_ADDRESSES } from '../../../src/runtime/cluster-network.ts';
import type { Condition, Service } from '../../../src/runtime/kube-shapes.ts';
import { type Runtime, startRuntime } from '../../../src/runtime/runtime.ts';
import { REQUESTED_ADDRESS_CONDITION } from '../../../src/runtime/service-address-condition.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import type { ResourceKey } from '../../../src/store/object-store-contract.ts';
import { eventually } from '../../support/eventually.ts';

const NAMESPACES: ResourceKey = { group: '', resource: 'namespaces' };
const SERVICES: ResourceKey = { group: '', resource: 'services' };
const EVENTS: ResourceKey = { group: '', resource: 'events' };
const NS = 'requested-addresses';
/** Far from the bottom of the pool, where other clusters' tests would not ask. */
const SHARED = ON_REQUEST_ADDRESSES.address(ON_REQUEST_ADDRESSES.size - 1 - (process.pid % 5000));

/** NodePorts are the API server's to allocate; the bare store needs them given. */
const nodePorts = new Map<string, number>();
const nodePortOf = (name: string) => nodePorts.get(name) ?? nodePorts.set(name, 30000 + (process.pid % 2000) + nodePorts.size).get(name) ?? 0;

function service(name: string, loadBalancerIP: string | undefined): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: NS },
    spec: {
      type: 'LoadBalancer',
      selector: { app: name },
      ...(loadBalancerIP ? { loadBalancerIP } : {}),
      ports: [
        { name: 'web', port: 18080, targetPort: 8080, protocol: 'TCP' },
        { name: 'low', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: nodePortOf(name) },
      ],
    },
  };
}

/** Whether something already listens on host:port (the forwarder resets connections it has no backend for). */
function taken(host: string, port: number): Promise<boolean> {
  const probe = net.createServer();
  return new Promise((resolve) => {
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen({ host, port }, () => probe.close(() => resolve(false)));
  });
}

describe('LoadBalancer Services asking for their address (integration)', function () {
  this.timeout(60_000);
  let store: MemoryObjectStore;
  let runtime: Runtime;
  let stateDir: string;

  const read = (name: string) => store.get(SERVICES, NS, name) as Service | undefined;
  const conditionOf = (name: string): Condition | undefined => read(name)?.status?.conditions?.find((c) => c.type === REQUESTED_ADDRESS_CONDITION);
  const ingressOf = (name: string) => read(name)?.status?.loadBalancer?.ingress?.map((entry) => entry.ip) ?? [];
  const warnings = (name: string) =>
    store
      .list(EVENTS, NS)
      .items.filter((e) => (e.involvedObject as { name: string }).name === name && e.type === 'Warning')
      .map((e) => `${String(e.reason)}: ${String(e.message)}`);
  const request = (name: string, loadBalancerIP: string) => {
    const current = read(name) as Service;
    store.update(SERVICES, { ...current, spec: { ...current.spec, loadBalancerIP } });
  };

  before(async () => {
    stateDir = await mkdtemp(path.join(os.tmpdir(), 'gauntlet-requested-'));
    store = new MemoryObjectStore();
    runtime = await startRuntime({ store, stateDir, kubeconfigForPods: path.join(stateDir, 'kubeconfig'), images: [], privilegedPorts: 'mapped', log: () => {} });
    store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  });

  after(async () => {
    await runtime?.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('gives an address of the on-request pool and serves it, port 80 through its NodePort', async () => {
    store.create(SERVICES, service('shared', SHARED));
    assert.deepEqual(await eventually('the requested address in ingress', () => ingressOf('shared').length > 0 && ingressOf('shared')), [SHARED]);
    assert.equal(conditionOf('shared')?.status, 'True');
    assert.equal(conditionOf('shared')?.reason, 'Assigned');
    assert.deepEqual(runtime.reach(SHARED, 18080), { host: SHARED, port: 18080 });
    assert.ok(await taken(SHARED, 18080), 'the requested address listens on the Service port');
    assert.deepEqual(runtime.reach(SHARED, 80), { host: runtime.nodeAddress, port: nodePortOf('shared') });
  });

  it('refuses an address outside its pools with a condition and an Event, and gives the next request', async () => {
    store.create(SERVICES, service('elsewhere', '192.0.2.10'));
    const refused = await eventually('the refusal condition', () => conditionOf('elsewhere'));
    assert.equal(refused.status, 'False');
    assert.equal(refused.reason, 'NotInPool');
    assert.match(refused.message ?? '', /192\.0\.2\.10 is in none of this cluster's address pools: 127\.20\.\d+\.0\/22 .* and 127\.40\.0\.0\/16/);
    assert.deepEqual(ingressOf('elsewhere'), []);
    assert.match(warnings('elsewhere').join('\n'), /^SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: 192\.0\.2\.10 is in none/);

    const own = `${runtime.loadBalancerBlock.prefix}.${runtime.loadBalancerBlock.firstThirdOctet + 3}.200`;
    request('elsewhere', own);
    assert.deepEqual(await eventually('the new request assigned', () => ingressOf('elsewhere').length > 0 && ingressOf('elsewhere')), [own]);
    assert.equal(conditionOf('elsewhere')?.reason, 'Assigned');
  });

  it('refuses an address another Service holds until that one lets it go', async () => {
    store.create(SERVICES, service('second', SHARED));
    const refused = await eventually('the in-use condition', () => conditionOf('second'));
    assert.equal(refused.reason, 'InUse');
    assert.match(refused.message ?? '', new RegExp(`${SHARED.replaceAll('.', '\\.')} is already in use: Service ${NS}/shared holds it`));
    store.delete(SERVICES, NS, 'shared');
    assert.deepEqual(await eventually('the address given once free', () => ingressOf('second').length > 0 && ingressOf('second'), { timeoutMs: 10_000 }), [SHARED]);
  });

  it('drops the condition when the Service stops asking', async () => {
    const current = read('second') as Service;
    const { loadBalancerIP: _dropped, ...spec } = current.spec;
    store.update(SERVICES, { ...current, spec });
    await eventually('an automatic address without the condition', () => conditionOf('second') === undefined && ingressOf('second')[0] !== SHARED && ingressOf('second').length === 1);
  });
});
