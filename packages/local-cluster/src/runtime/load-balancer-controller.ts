// The local "cloud" load-balancer controller plus kube-proxy: a Service of type LoadBalancer (without a
// loadBalancerClass of someone else) gets its own loopback address in status.loadBalancer.ingress and
// a TCP listener on that address per TCP port, forwarding each connection round robin to the Service's
// ready endpoints (serving, terminating ones when none is ready). Released when the Service goes away
// or stops being a LoadBalancer.
import type { ObjectStore } from '../store/object-store-contract.ts';
import { SERVICE_NAME_LABEL } from './endpoint-slice-computation.ts';
import { EventRecorder } from './event-recorder.ts';
import type { EndpointSlice, Service, ServicePort } from './kube-shapes.ts';
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { objectKeyOf, splitObjectKey } from './owner-references.ts';
import { ReconcileQueue } from './reconcile-queue.ts';
import type { Controller } from './replicaset-controller.ts';
import { ENDPOINT_SLICES, SERVICES } from './resource-keys.ts';
import { writeStatusIfChanged } from './store-writes.ts';
import { type ForwardTarget, TcpForwarder } from './tcp-forwarder.ts';

interface Balancer {
  uid: string;
  ip: string;
  /** "port/protocol" -> listener */
  forwarders: Map<string, TcpForwarder>;
  /** Ports already reported as not forwardable (UDP, SCTP). */
  warned: Set<string>;
}

export function startLoadBalancerController(
  store: ObjectStore,
  addresses: LoopbackAddressAllocator,
  log: (line: string) => void,
): Controller {
  const balancers = new Map<string, Balancer>();
  const events = new EventRecorder(store, 'service-controller');
  const turns = new Map<string, number>();

  const pickTarget = (serviceKey: string, portName: string): ForwardTarget | undefined => {
    const candidates = endpointsFor(store, serviceKey, portName);
    if (candidates.length === 0) return undefined;
    const turnKey = `${serviceKey}#${portName}`;
    const turn = turns.get(turnKey) ?? 0;
    turns.set(turnKey, turn + 1);
    return candidates[turn % candidates.length];
  };

  const release = async (key: string) => {
    const balancer = balancers.get(key);
    if (!balancer) return;
    balancers.delete(key);
    await Promise.all([...balancer.forwarders.values()].map((f) => f.close()));
    addresses.release(balancer.ip);
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitObjectKey(key);
    const service = store.get(SERVICES, namespace, name) as Service | undefined;
    const wanted = service && service.spec.type === 'LoadBalancer' && !service.spec.loadBalancerClass;
    const current = balancers.get(key);
    if (!wanted || (current && current.uid !== service.metadata.uid)) await release(key);
    if (!service) return;
    if (!wanted && current) events.record(service, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    if (!wanted) {
      if (service.status?.loadBalancer?.ingress?.length) writeStatusIfChanged(store, SERVICES, service, { ...service.status, loadBalancer: {} });
      return;
    }
    let balancer = balancers.get(key);
    if (!balancer) {
      balancer = { uid: service.metadata.uid ?? '', ip: addresses.allocate(), forwarders: new Map(), warned: new Set() };
      balancers.set(key, balancer);
      events.record(service, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    }
    // Listen first: once the address is in status, clients may connect to it.
    await syncForwarders(balancer, key, service.spec.ports ?? [], pickTarget, log);
    const fresh = store.get(SERVICES, namespace, name) as Service | undefined;
    if (!fresh || fresh.metadata.uid !== balancer.uid) return; // changed meanwhile: the next reconcile sees it
    const written = writeStatusIfChanged(store, SERVICES, fresh, {
      ...(fresh.status ?? {}),
      loadBalancer: { ingress: [{ ip: balancer.ip, ipMode: 'VIP' }] },
    });
    if (written !== fresh) events.record(fresh, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  };

  const queue = new ReconcileQueue('load-balancer-controller', reconcile, log);
  const stopWatches = [
    store.watch(SERVICES, undefined, undefined, ({ object }) => queue.add(objectKeyOf(object.metadata.namespace, object.metadata.name))),
  ];
  return {
    async stop() {
      for (const stopWatch of stopWatches) stopWatch();
      await queue.stop();
      await Promise.all([...balancers.keys()].map(release));
    },
  };
}

async function syncForwarders(
  balancer: Balancer,
  serviceKey: string,
  ports: readonly ServicePort[],
  pickTarget: (serviceKey: string, portName: string) => ForwardTarget | undefined,
  log: (line: string) => void,
): Promise<void> {
  const wanted = new Map(ports.filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => [`${p.port}/TCP`, p]));
  for (const port of ports) {
    const portKey = `${port.port}/${port.protocol ?? 'TCP'}`;
    if (wanted.has(portKey) || balancer.warned.has(portKey)) continue;
    balancer.warned.add(portKey);
    log(`load-balancer-controller: Service ${serviceKey} port ${portKey} is not forwarded: the local cluster forwards TCP only`);
  }
  for (const [portKey, forwarder] of balancer.forwarders) {
    if (wanted.has(portKey)) continue;
    balancer.forwarders.delete(portKey);
    await forwarder.close();
  }
  for (const [portKey, port] of wanted) {
    if (balancer.forwarders.has(portKey)) continue;
    const portName = port.name ?? '';
    const forwarder = await TcpForwarder.listen(balancer.ip, port.port, () => pickTarget(serviceKey, portName));
    balancer.forwarders.set(portKey, forwarder);
  }
}

/** The Service's endpoints for one named port: ready ones, else serving-and-terminating ones (as kube-proxy). */
function endpointsFor(store: ObjectStore, serviceKey: string, portName: string): ForwardTarget[] {
  const { namespace, name } = splitObjectKey(serviceKey);
  const slices = (store.list(ENDPOINT_SLICES, namespace).items as EndpointSlice[]).filter(
    (slice) => slice.metadata.labels?.[SERVICE_NAME_LABEL] === name,
  );
  const ready: ForwardTarget[] = [];
  const fallback: ForwardTarget[] = [];
  for (const slice of slices) {
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName);
    if (!port) continue;
    for (const endpoint of slice.endpoints ?? []) {
      const host = endpoint.addresses[0];
      if (!host) continue;
      if (endpoint.conditions.ready) ready.push({ host, port: port.port });
      else if (endpoint.conditions.serving && endpoint.conditions.terminating) fallback.push({ host, port: port.port });
    }
  }
  return ready.length > 0 ? ready : fallback;
}
