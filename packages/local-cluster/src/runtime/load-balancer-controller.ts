// The local "cloud" load-balancer controller plus kube-proxy. A Service of type LoadBalancer (without a
// loadBalancerClass of someone else) gets its own loopback address in status.loadBalancer.ingress; the
// Service's NodePorts (NodePort and LoadBalancer types) are served on the node's address, and its ports on
// the LoadBalancer address where the cluster may bind them (service-listeners.ts). Each connection (each UDP
// flow) goes round robin to the Service's ready endpoints, at the port the pod really serves (pod-port-mapping.ts);
// a TCP listener of a port with one ready endpoint is lent to that pod instead (service-listener-loans.ts).
// Released when the Service goes away or changes type.
import type { ObjectStore } from '../store/object-store-contract.ts';
import { SERVICE_NAME_LABEL } from './endpoint-slice-computation.ts';
import { EventRecorder } from './event-recorder.ts';
import type { Service } from './kube-shapes.ts';
import type { Borrower } from './listener-loan.ts';
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { objectKeyOf, splitObjectKey } from './owner-references.ts';
import type { PodPortMapping } from './pod-port-mapping.ts';
import { ReconcileQueue } from './reconcile-queue.ts';
import type { Controller } from './replicaset-controller.ts';
import { ENDPOINT_SLICES, SERVICES } from './resource-keys.ts';
import { loneReadyEndpoint, serviceEndpoints } from './service-endpoints.ts';
import { applyListeners, reportOnce, routeOf, type ServiceForwarders } from './service-forwarders.ts';
import { balanceListenerLoans } from './service-listener-loans.ts';
import { type ForwardedProtocol, planServiceListeners, type WantedListener } from './service-listeners.ts';
import { writeStatusIfChanged } from './store-writes.ts';
import type { ForwardTarget } from './tcp-forwarder.ts';

export interface LoadBalancerController extends Controller {
  /** Where this host reaches port `port` of a LoadBalancer address; undefined for other addresses. */
  routeFor(address: string, port: number, protocol?: ForwardedProtocol): ForwardTarget | undefined;
}

export interface LoadBalancerControllerOptions {
  addresses: LoopbackAddressAllocator;
  nodeAddress: string;
  mapping: PodPortMapping;
  /** The pod processes at an address that may borrow a listener (the kubelet's). */
  borrowersAt: (podIP: string) => Borrower[];
  log: (line: string) => void;
}

/** How soon a declined loan is offered again (the pod may not listen yet). */
const LOAN_RETRY_MS = 500;

export function startLoadBalancerController(store: ObjectStore, options: LoadBalancerControllerOptions): LoadBalancerController {
  const { addresses, nodeAddress, mapping, borrowersAt, log } = options;
  const proxies = new Map<string, ServiceForwarders>();
  const events = new EventRecorder(store, 'service-controller');
  const turns = new Map<string, number>();

  const pickTarget = (serviceKey: string, portName: string): ForwardTarget | undefined => {
    const { namespace, name } = splitObjectKey(serviceKey);
    const candidates = serviceEndpoints(store, namespace, name, portName);
    if (candidates.length === 0) return undefined;
    const turnKey = `${serviceKey}#${portName}`;
    const turn = turns.get(turnKey) ?? 0;
    turns.set(turnKey, turn + 1);
    const target = candidates[turn % candidates.length] as ForwardTarget;
    return { host: target.host, port: mapping.hostPort(target.host, target.port) };
  };

  const release = async (key: string) => {
    const proxy = proxies.get(key);
    if (!proxy) return;
    proxies.delete(key);
    await Promise.all([...proxy.forwarders.values()].map((f) => f.close()));
    if (proxy.ip) addresses.release(proxy.ip);
  };

  /** Drops what no longer fits the Service: gone, another type, or a new object under the same name. */
  const releaseStale = async (key: string, service: Service | undefined, wants: Wants) => {
    const current = proxies.get(key);
    const stale = current && (current.uid !== service?.metadata.uid || Boolean(current.ip) !== wants.address);
    if (!service || !wants.proxy || stale) await release(key);
    if (!service) return;
    if (current?.ip && !wants.address) events.record(service, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    if (!wants.address && service.status?.loadBalancer?.ingress?.length) {
      writeStatusIfChanged(store, SERVICES, service, { ...service.status, loadBalancer: {} });
    }
  };

  const ensureProxy = (key: string, service: Service, wants: Wants): ServiceForwarders => {
    const existing = proxies.get(key);
    if (existing) return existing;
    const proxy: ServiceForwarders = { uid: service.metadata.uid ?? '', ip: wants.address ? addresses.allocate() : undefined, forwarders: new Map(), reported: new Set() };
    proxies.set(key, proxy);
    if (wants.address) events.record(service, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    return proxy;
  };

  const publishAddress = (namespace: string, name: string, proxy: ServiceForwarders & { ip: string }) => {
    const fresh = store.get(SERVICES, namespace, name) as Service | undefined;
    if (!fresh || fresh.metadata.uid !== proxy.uid) return; // changed meanwhile: the next reconcile sees it
    const written = writeStatusIfChanged(store, SERVICES, fresh, {
      ...(fresh.status ?? {}),
      loadBalancer: { ingress: [{ ip: proxy.ip, ipMode: 'VIP' }] },
    });
    if (written !== fresh) events.record(fresh, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitObjectKey(key);
    const service = store.get(SERVICES, namespace, name) as Service | undefined;
    const wants = wantsOf(service);
    await releaseStale(key, service, wants);
    if (!service || !wants.proxy) return;
    const proxy = ensureProxy(key, service, wants);
    // Listen first: once the address is in status, clients may connect to it.
    await syncListeners(proxy, key, service, (listener) => pickTarget(key, listener.servicePort.name ?? ''));
    if (proxy.ip) publishAddress(namespace, name, { ...proxy, ip: proxy.ip });
  };

  const syncListeners = async (proxy: ServiceForwarders, key: string, service: Service, pick: (listener: WantedListener) => ForwardTarget | undefined) => {
    const plan = planServiceListeners(service, proxy.ip, nodeAddress, mapping);
    for (const port of plan.notForwarded) {
      reportOnce(proxy, `${port.port}/${port.protocol}`, () =>
        log(`load-balancer-controller: Service ${key} port ${port.port}/${port.protocol ?? 'TCP'} is not forwarded: the local cluster forwards TCP and UDP only`),
      );
    }
    for (const { servicePort, message } of plan.unbound) {
      reportOnce(proxy, `unbound ${servicePort.port} ${servicePort.nodePort ?? ''}`, () => {
        log(`load-balancer-controller: Service ${key}: ${message}`);
        events.record(service, 'Normal', 'UnprivilegedPort', message);
      });
    }
    await applyListeners(proxy, plan.listeners, pick);
    const { namespace, name } = splitObjectKey(key);
    const loneEndpoint = (listener: WantedListener) => loneReadyEndpoint(store, namespace, name, listener.servicePort.name ?? '');
    if (!(await balanceListenerLoans(proxy, plan.listeners, { loneEndpoint, borrowersAt }))) queue.addAfter(key, LOAN_RETRY_MS);
  };

  const queue = new ReconcileQueue('load-balancer-controller', reconcile, log);
  const stopWatch = store.watch(SERVICES, undefined, undefined, ({ object }) => queue.add(objectKeyOf(object.metadata.namespace, object.metadata.name)));
  // Endpoints decide the loans: a slice names its Service in a label.
  const stopSliceWatch = store.watch(ENDPOINT_SLICES, undefined, undefined, ({ object }) => {
    const service = object.metadata.labels?.[SERVICE_NAME_LABEL];
    if (service) queue.add(objectKeyOf(object.metadata.namespace, service));
  });
  return {
    routeFor(address, port, protocol = 'TCP') {
      const entry = [...proxies.entries()].find(([, proxy]) => proxy.ip === address);
      if (!entry) return undefined;
      const [key, proxy] = entry;
      const { namespace, name } = splitObjectKey(key);
      return routeOf(proxy, store.get(SERVICES, namespace, name) as Service | undefined, port, nodeAddress, protocol);
    },
    async stop() {
      stopWatch();
      stopSliceWatch();
      await queue.stop();
      await Promise.all([...proxies.keys()].map(release));
    },
  };
}

interface Wants {
  /** NodePorts served (NodePort and LoadBalancer Services). */
  proxy: boolean;
  /** A LoadBalancer address of this controller (a LoadBalancer without someone else's loadBalancerClass). */
  address: boolean;
}

function wantsOf(service: Service | undefined): Wants {
  const type = service?.spec.type;
  return { proxy: type === 'LoadBalancer' || type === 'NodePort', address: type === 'LoadBalancer' && !service?.spec.loadBalancerClass };
}
