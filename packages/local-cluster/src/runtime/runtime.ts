// The local cluster's runtime: the stand-in for kubelet, kube-controller-manager (Deployment,
// ReplicaSet and EndpointSlice controllers) and a cloud load-balancer controller with kube-proxy,
// all working on the in-process ObjectStore the API server serves.
//
//   const runtime = await startRuntime({ store, stateDir, kubeconfigForPods });
//   ... Deployments become processes on 127.10.x.y, LoadBalancer Services get 127.20.x.y ...
//   await runtime.stop(); // every process gone, every listener closed
import { mkdir } from 'node:fs/promises';
import type { ObjectStore } from '../store/object-store-contract.ts';
import { startDeploymentController } from './deployment-controller.ts';
import { startEndpointSliceController } from './endpointslice-controller.ts';
import { ImageCatalog, type ImageCatalogEntry } from './image-catalog.ts';
import { startKubelet } from './kubelet.ts';
import { startLoadBalancerController } from './load-balancer-controller.ts';
import { LoopbackAddressAllocator } from './loopback-address-allocator.ts';
import { assertLoopbackRangeUsable } from './loopback-check.ts';
import { stopRecordedPods } from './recorded-pods.ts';
import { startReplicaSetController } from './replicaset-controller.ts';

export interface Runtime {
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
  log?: (line: string) => void;
}

/** Pod addresses come from 127.10.0.0/16, LoadBalancer addresses from 127.20.0.0/16. */
export const POD_ADDRESS_PREFIX = '127.10';
export const LOAD_BALANCER_ADDRESS_PREFIX = '127.20';

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? (() => {});
  await mkdir(options.stateDir, { recursive: true });
  await assertLoopbackRangeUsable(`${POD_ADDRESS_PREFIX}.0.1`);
  // A harness that crashed left its pods running: they would hold addresses and ports of this run.
  const leftovers = await stopRecordedPods(options.stateDir);
  if (leftovers.length > 0) {
    log(`runtime: stopped ${leftovers.length} pod process(es) left running by an earlier run (${options.stateDir}/pids)`);
  }
  const { store } = options;
  const kubelet = startKubelet({
    store,
    addresses: new LoopbackAddressAllocator(POD_ADDRESS_PREFIX),
    stateDir: options.stateDir,
    kubeconfigForPods: options.kubeconfigForPods,
    images: new ImageCatalog(options.images),
    workingDirectory: options.workingDirectory ?? process.cwd(),
    log,
  });
  const controllers = [
    startDeploymentController(store, log),
    startReplicaSetController(store, log),
    startEndpointSliceController(store, log),
    startLoadBalancerController(store, new LoopbackAddressAllocator(LOAD_BALANCER_ADDRESS_PREFIX), log),
  ];
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        // Controllers first, so nothing creates pods while the kubelet stops them.
        await Promise.all(controllers.map((controller) => controller.stop()));
        await kubelet.stop();
      })();
      return stopping;
    },
  };
}
