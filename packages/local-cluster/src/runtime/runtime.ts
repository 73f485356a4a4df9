// The local cluster's runtime: the stand-in for kubelet, kube-controller-manager (Deployment,
// ReplicaSet and EndpointSlice controllers) and a cloud load-balancer controller with kube-proxy,
// all working on the in-process ObjectStore the API server serves.
//
//   const runtime = await startRuntime({ store, stateDir, kubeconfigForPods, images });
//   ... Deployments become processes on 127.10.x.y, LoadBalancer Services get 127.20.x.y ...
//   runtime.reach('127.20.0.1', 80); // where this host reaches it: itself, or the node and a NodePort
//   await runtime.stop(); // every process gone, every listener closed, the addresses given back

import { mkdir } from 'node:fs/promises';
import type { ObjectStore } from '../store/object-store-contract.ts';
import type { AddressBlock } from './address-block.ts';
import { type ClusterNetwork, claimClusterNetwork } from './cluster-network.ts';
import { startDeploymentController } from './deployment-controller.ts';
import { startEndpointSliceController } from './endpointslice-controller.ts';
import { ImageCatalog, type ImageCatalogEntry } from './image-catalog.ts';
import { startKubelet } from './kubelet.ts';
import { startLoadBalancerController } from './load-balancer-controller.ts';
import { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { assertLoopbackRangeUsable } from './loopback-check.ts';
import { PodPortMapping } from './pod-port-mapping.ts';
import { type PrivilegedPortsMode, portsToMapBelow } from './privileged-ports.ts';
import { stopRecordedPods } from './recorded-pods.ts';
import { startReplicaSetController } from './replicaset-controller.ts';
import type { ForwardedProtocol } from './service-listeners.ts';
import type { ForwardTarget } from './tcp-forwarder.ts';

export interface Runtime {
  /** The node's address (its InternalIP), where NodePorts are served. */
  readonly nodeAddress: string;
  /** Ports below this are mapped on pod addresses and reached through NodePorts on LoadBalancers; 0: none. */
  readonly mappedBelow: number;
  /** This cluster's own LoadBalancer addresses (assigned automatically, or on request through spec.loadBalancerIP). */
  readonly loadBalancerBlock: AddressBlock;
  /** Where this host reaches an address (pod or LoadBalancer) and port of the cluster. */
  /** `protocol` TCP (the default) or UDP: a port number may be served over both, through different NodePorts. */
  reach(address: string, port: number, protocol?: ForwardedProtocol): ForwardTarget;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  store: ObjectStore;
  /** Pod logs go to <stateDir>/pods/<namespace>_<pod>.log, running pod pids to <stateDir>/pids. */
  stateDir: string;
  /** Handed to every pod process as KUBECONFIG. */
  kubeconfigForPods: string;
  /** Which script a container of each image runs. */
  images: readonly ImageCatalogEntry[];
  /** The working directory of pod processes; default the current one. */
  workingDirectory?: string;
  /** 'auto' (default): map low ports only without the privilege to bind them; 'mapped': always. */
  privilegedPorts?: PrivilegedPortsMode;
  log?: (line: string) => void;
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? (() => {});
  await mkdir(options.stateDir, { recursive: true });
  // A harness that crashed left its pods running: they would hold addresses and ports of this run.
  const leftovers = await stopRecordedPods(options.stateDir);
  if (leftovers.length > 0) {
    log(`runtime: stopped ${leftovers.length} pod process(es) left running by an earlier run (${options.stateDir}/pids)`);
  }
  const network = await claimClusterNetwork();
  try {
    return await startOn(network, options, log);
  } catch (error) {
    await network.release();
    throw error;
  }
}

async function startOn(network: ClusterNetwork, options: RuntimeOptions, log: (line: string) => void): Promise<Runtime> {
  await assertLoopbackRangeUsable(network.pods.address(0));
  const mapping = new PodPortMapping(network.pods, await portsToMapBelow(network.nodeAddress, options.privilegedPorts ?? 'auto'));
  log(
    `runtime: node ${network.nodeAddress}, pods ${network.pods.description}, LoadBalancers ${network.loadBalancers.description}` +
      (mapping.mappedBelow > 0 ? `; ports below ${mapping.mappedBelow} are mapped (no privilege to bind them)` : ''),
  );
  const { store } = options;
  const kubelet = startKubelet({
    store,
    addresses: new LoopbackAddressAllocator(network.pods),
    network: { nodeAddress: network.nodeAddress, mapping, claimFd: network.claimFd },
    stateDir: options.stateDir,
    kubeconfigForPods: options.kubeconfigForPods,
    images: new ImageCatalog(options.images),
    workingDirectory: options.workingDirectory ?? process.cwd(),
    log,
  });
  const loadBalancers = startLoadBalancerController(store, {
    addresses: new LoopbackAddressAllocator(network.loadBalancers),
    nodeAddress: network.nodeAddress,
    mapping,
    borrowersAt: (podIP) => kubelet.borrowersAt(podIP),
    log,
  });
  const controllers = [startDeploymentController(store, log), startReplicaSetController(store, log), startEndpointSliceController(store, log), loadBalancers];
  let stopping: Promise<void> | undefined;
  return {
    nodeAddress: network.nodeAddress,
    mappedBelow: mapping.mappedBelow,
    loadBalancerBlock: network.loadBalancers,
    reach(address, port, protocol = 'TCP') {
      return loadBalancers.routeFor(address, port, protocol) ?? { host: address, port: mapping.hostPort(address, port) };
    },
    stop() {
      stopping ??= (async () => {
        // Controllers first, so nothing creates pods while the kubelet stops them; the addresses last.
        await Promise.all(controllers.map((controller) => controller.stop()));
        await kubelet.stop();
        await network.release();
      })();
      return stopping;
    },
  };
}
