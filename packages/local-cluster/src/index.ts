// @gauntlet/local-cluster: an embedded Kubernetes API for tests and local loops. One entry point:
//
//   const cluster = await startLocalCluster({ stateDir, images: [{ repository: 'my/app', script: '/abs/app.ts' }] });
//   // kubectl --kubeconfig cluster.kubeconfigPath ...; Deployments of my/app run as local processes
//   await cluster.stop();
//
// stopRecordedPods(stateDir) stops pod processes a crashed embedding program left behind.
export { type HostEndpoint, type LocalCluster, type LocalClusterOptions, startLocalCluster } from './local-cluster.ts';
export { type ImageCatalogEntry, imageRepository } from './runtime/image-catalog.ts';
export type { PrivilegedPortsMode } from './runtime/privileged-ports.ts';
export { isAlive, readRecordedProcesses, stopRecordedPods } from './runtime/recorded-pods.ts';
