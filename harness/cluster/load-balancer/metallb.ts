// Gateway addresses for container clusters (kind, k3s): MetalLB in layer-2 mode, handing LoadBalancer
// Services addresses from the top of the node's container network. Chosen over cloud-provider-kind (a process
// and containers of its own on the host, outside the harness's reaper) and host port mappings (one address
// for every Gateway, so two Gateways on port 80 could not both be reached): MetalLB lives inside the node
// container, goes away with it, and gives every Gateway its own address, which a Linux host reaches directly
// over the container network's bridge. (Docker Desktop hosts do not route to that network; see the README.)
import { parseAllDocuments } from 'yaml';
import { applyManifests } from '../../kube/apply-manifests.ts';
import { awaitObject } from '../../kube/await-object.ts';
import { deploymentAvailable } from '../../kube/conditions.ts';
import type { KubeClient } from '../../kube/kube-client.ts';
import type { LocatedManifest } from '../../kube/manifest.ts';

export const METALLB_VERSION = 'v0.15.2';
const MANIFEST_URL = `https://raw.githubusercontent.com/metallb/metallb/${METALLB_VERSION}/config/manifests/metallb-native.yaml`;
const NAMESPACE = 'metallb-system';
const POOL_SIZE = 51;

export class LoadBalancerSetupError extends Error {
  readonly code = 'GAUNTLET_LOAD_BALANCER';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LoadBalancerSetupError';
  }
}

/** The last addresses of an IPv4 subnet below its broadcast address: `first-last`, e.g. 172.18.255.200-172.18.255.250. */
export function addressPool(subnet: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(subnet);
  const prefix = Number(match?.[5]);
  if (!match || prefix > 24) throw new LoadBalancerSetupError(`container network ${subnet}: need an IPv4 subnet of /24 or larger to take Gateway addresses from`);
  const base = match.slice(1, 5).reduce((value, octet) => value * 256 + Number(octet), 0);
  const broadcast = base + 2 ** (32 - prefix) - 1;
  const text = (value: number) => [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
  return `${text(broadcast - 5 - POOL_SIZE + 1)}-${text(broadcast - 5)}`;
}

/** MetalLB's address pool and layer-2 advertisement, written here. */
export function poolManifests(subnet: string): LocatedManifest[] {
  const source = { file: 'harness/cluster/load-balancer/metallb.ts', line: 0 };
  const metadata = (name: string) => ({ name, namespace: NAMESPACE });
  return [
    { object: { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: metadata('gauntlet-gateways'), spec: { addresses: [addressPool(subnet)] } }, source },
    { object: { apiVersion: 'metallb.io/v1beta1', kind: 'L2Advertisement', metadata: metadata('gauntlet-gateways'), spec: { ipAddressPools: ['gauntlet-gateways'] } }, source },
  ];
}

async function releaseManifests(): Promise<LocatedManifest[]> {
  let text: string;
  try {
    const response = await fetch(MANIFEST_URL, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    throw new LoadBalancerSetupError(`cannot download MetalLB ${METALLB_VERSION} (${MANIFEST_URL}): ${(error as Error).message}; a kind or k3s cluster needs it for Gateway addresses`, { cause: error });
  }
  return parseAllDocuments(text)
    .map((document) => ({ object: document.toJS(), source: { file: MANIFEST_URL, line: 0 } }))
    .filter((manifest): manifest is LocatedManifest => Boolean(manifest.object?.kind));
}

/** Installs MetalLB, waits for its controller, then gives it the pool (retried while its webhook starts). */
export async function installMetalLb(kube: KubeClient, subnet: string, log: (line: string) => void, timeoutMs = 180_000): Promise<void> {
  log(`  MetalLB ${METALLB_VERSION}, Gateway addresses ${addressPool(subnet)} of the node network ${subnet}`);
  await applyManifests(kube, await releaseManifests());
  await awaitObject(kube, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: NAMESPACE, name: 'controller' }, { expectation: 'all replicas available', check: deploymentAvailable, timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await applyManifests(kube, poolManifests(subnet));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new LoadBalancerSetupError(`MetalLB did not accept its address pool within ${timeoutMs / 1000} s: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
