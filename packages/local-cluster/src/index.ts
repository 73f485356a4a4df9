// @gauntlet/local-cluster: an embedded Kubernetes API for tests and local loops. One entry point:
//
//   const cluster = await startLocalCluster({ stateDir, images: [{ repository: 'my/app', script: '/abs/app.ts' }] });
//   // kubectl --kubeconfig cluster.kubeconfigPath ...; Deployments of my/app run as local processes
//   await cluster.stop();
//
// stopRecordedPods(stateDir) stops pod processes a crashed embedding program left behind.
// compileCrdValidators(crd) admits objects as the API server would, without starting it.
// startApiServer serves a MemoryObjectStore alone (no runtime), e.g. to restart an API server in a test.

export { type ApiServer, type ApiServerOptions, startApiServer } from './api/api-server.ts';
export type { ServerCertificates } from './api/tls-certificates.ts';
// The API server's CRD admission on its own (structural schema, defaults, CEL rules), for checking objects
// against CRDs without a cluster: compileCrdValidators(crd).get(version)?.validate(object).
export { type CrdValidationResult, type CrdVersionValidator, compileCrdValidators, type FieldCause, formatFieldCause } from './crd/crd-validator.ts';
export { type HostEndpoint, type LocalCluster, type LocalClusterOptions, startLocalCluster } from './local-cluster.ts';
// LoadBalancer Services asking for their address (spec.loadBalancerIP): ON_REQUEST_ADDRESSES, the shared pool given
// only on request; freeOnRequestAddress(), one of them free now; REQUESTED_ADDRESS_CONDITION, the Service
// condition that says whether the request was met.
export { ON_REQUEST_ADDRESSES } from './runtime/cluster-network.ts';
export { type ImageCatalogEntry, imageRepository, type RunnableImage, type UnavailableImage } from './runtime/image-catalog.ts';
export type { PrivilegedPortsMode } from './runtime/privileged-ports.ts';
export { isAlive, readRecordedProcesses, stopRecordedPods } from './runtime/recorded-pods.ts';
export { freeOnRequestAddress } from './runtime/requested-address.ts';
export { REQUESTED_ADDRESS_CONDITION } from './runtime/service-address-condition.ts';
export { MemoryObjectStore } from './store/memory-object-store.ts';
export type { KubeObject } from './store/object-store-contract.ts';
