// The local "cloud" load-balancer controller plus kube-proxy. A Service of type LoadBalancer (without a
// loadBalancerClass of someone else) gets its own loopback address in status.loadBalancer.ingress; the
// Service's NodePorts (NodePort and LoadBalancer types) are served on the node's address, and its ports on
// the LoadBalancer address where the cluster may bind them (service-listeners.ts). Each connection (each UDP
// flow) goes round robin to the Service's ready endpoints, at the port the pod really serves (pod-port-mapping.ts);
// a TCP listener of a port with one ready endpoint is lent to that pod instead (service-listener-loans.ts).
// Released when the Service goes away or changes type. A Service naming its address in spec.loadBalancerIP gets
// that one when the cluster can serve it, else none and a condition saying why (requested-address.ts,
// load-balancer-addresses.ts, service-address-condition.ts).
import type { ObjectStore } from '../store/object-store-contract.ts';
import { rfc3339Seconds } from '../store/rfc3339.ts';
import { SERVICE_NAME_LABEL } from './endpoint-slice-computation.ts';
import { EventRecorder } from './event-recorder.ts';
import type { Service } from './kube-shapes.ts';
import type { Borrower } from './listener-loan.ts';
import { ANY_ADDRESS, LoadBalancerAddresses } from './load-balancer-addresses.ts';
import type { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { objectKeyOf, splitObjectKey } from './owner-references.ts';
import type { PodPortMapping } from './pod-port-mapping.ts';
import { ReconcileQueue } from './reconcile-queue.ts';
import type { Controller } from './replicaset-controller.ts';
import type { AddressClaim } from './requested-address.ts';
import { ENDPOINT_SLICES, SERVICES } from './resource-keys.ts';
import { withRequestedAddressCondition } from './service-address-condition.ts';
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
/** How soon a requested address found in use is asked for again. */
const REQUEST_RETRY_MS = 2000;

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

  const held = new LoadBalancerAddresses(addresses);

  const release = async (key: string) => {
    const proxy = proxies.get(key);
    if (!proxy) return;
    proxies.delete(key);
    await Promise.all([...proxy.forwarders.values()].map((f) => f.close()));
    await held.release(key);
  };

  /** Drops what no longer fits the Service: gone, another type, another requested address, or a new object under the same name. */
  const releaseStale = async (key: string, service: Service | undefined, wants: Wants) => {
    const current = proxies.get(key);
    const stale = current && (current.uid !== service?.metadata.uid || current.addressWanted !== wants.address);
    if (!service || !wants.proxy || stale) await release(key);
    if (!service) return;
    if (current?.ip && !wants.address) events.record(service, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    if (!wants.address && (service.status?.loadBalancer?.ingress?.length || service.status?.conditions)) {
      const conditions = withRequestedAddressCondition(service, undefined, rfc3339Seconds());
      writeStatusIfChanged(store, SERVICES, service, { ...withoutConditions(service.status), loadBalancer: {}, ...(conditions ? { conditions } : {}) });
    }
  };

  const ensureProxy = (key: string, service: Service, wants: Wants): ServiceForwarders => {
    const existing = proxies.get(key);
    if (existing) return existing;
    const proxy: ServiceForwarders = { uid: service.metadata.uid ?? '', ip: undefined, addressWanted: wants.address, forwarders: new Map(), reported: new Set() };
    proxies.set(key, proxy);
    if (wants.address) events.record(service, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    return proxy;
  };

  /** Gives the proxy its address: any free one of the block, or the one requested if it may be had. */
  const ensureAddress = async (key: string, proxy: ServiceForwarders, service: Service): Promise<AddressClaim | undefined> => {
    if (proxy.ip || proxy.addressWanted === '') return undefined;
    const claim = await held.claim(key, proxy.addressWanted);
    if (claim.ok) {
      proxy.ip = claim.ip;
      return claim;
    }
    // Said once per refusal; asked again later when the address may come free.
    reportOnce(proxy, `refused ${claim.reason} ${claim.message}`, () => {
      log(`load-balancer-controller: Service ${key}: ${claim.message}`);
      events.record(service, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: failed to ensure load balancer: ${claim.message}`);
    });
    if (claim.retry) queue.addAfter(key, REQUEST_RETRY_MS);
    return claim;
  };

  /** Writes the outcome to the Service's status: the address in ingress, or none and the condition saying why. */
  const publishOutcome = (namespace: string, name: string, proxy: ServiceForwarders, claim: AddressClaim | undefined) => {
    const fresh = store.get(SERVICES, namespace, name) as Service | undefined;
    if (!fresh || fresh.metadata.uid !== proxy.uid) return; // changed meanwhile: the next reconcile sees it
    const requested = proxy.addressWanted !== ANY_ADDRESS;
    const outcome = !requested ? undefined : proxy.ip ? { assigned: proxy.ip } : claim && !claim.ok ? { refused: claim } : undefined;
    if (requested && !outcome) return; // nothing new to say
    const conditions = withRequestedAddressCondition(fresh, outcome, rfc3339Seconds());
    const written = writeStatusIfChanged(store, SERVICES, fresh, {
      ...withoutConditions(fresh.status),
      loadBalancer: proxy.ip ? { ingress: [{ ip: proxy.ip, ipMode: 'VIP' }] } : {},
      ...(conditions ? { conditions } : {}),
    });
    if (written !== fresh && proxy.ip) events.record(fresh, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  };

  const reconcile = async (key: string) => {
    const { namespace, name } = splitObjectKey(key);
    const service = store.get(SERVICES, namespace, name) as Service | undefined;
    const wants = wantsOf(service);
    await releaseStale(key, service, wants);
    if (!service || !wants.proxy) return;
    const proxy = ensureProxy(key, service, wants);
    const claim = await ensureAddress(key, proxy, service);
    // Listen first: once the address is in status, clients may connect to it.
    await syncListeners(proxy, key, service, (listener) => pickTarget(key, listener.servicePort.name ?? ''));
    if (proxy.addressWanted !== '') publishOutcome(namespace, name, proxy, claim);
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
  /**
   * A LoadBalancer address of this controller (a LoadBalancer without someone else's loadBalancerClass): ANY_ADDRESS,
   * or the one spec.loadBalancerIP asks for; '' for none.
   */
  address: string;
}

function wantsOf(service: Service | undefined): Wants {
  const type = service?.spec.type;
  const ours = type === 'LoadBalancer' && !service?.spec.loadBalancerClass;
  return { proxy: type === 'LoadBalancer' || type === 'NodePort', address: ours ? service?.spec.loadBalancerIP || ANY_ADDRESS : '' };
}

/** A Service's status without its conditions (written back with the requested-address condition set or removed). */
function withoutConditions(status: Service['status']): Omit<NonNullable<Service['status']>, 'conditions'> {
  const { conditions: _conditions, ...rest } = status ?? {};
  return rest;
}
