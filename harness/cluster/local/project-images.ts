// The images Gauntlet's local cluster can run, each as the entry script of the project that stands in for it:
// the project's own images, and every image upstream's conformance manifests (v1.6.1: conformance/base,
// conformance/mesh and the tests' YAML) name, so that those manifests run unchanged. Any tag matches.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageCatalogEntry } from '@gauntlet/local-cluster';

/** The repository root: entry scripts are relative to it, and pod processes run there. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Upstream's echo server: the echo backend runs the same modes (HTTP, h2c, HTTPS, gRPC, TCP, UDP) from the same env vars. */
const ECHO = 'reference-impl/echo/main.ts';
/** coredns, where upstream's UDPRoute tests only need DNS answers over UDP: takes its -conf and answers whoami zones. */
const DNS_RESPONDER = 'reference-impl/dns-responder/main.ts';

const scripts: Record<string, string> = {
  'gateway-gauntlet/echo': ECHO,
  'gateway-gauntlet/controller': 'reference-impl/controller/main.ts',
  'gateway-gauntlet/proxy': 'reference-impl/proxy/main.ts',
  'registry.k8s.io/gateway-api/echo-basic': ECHO,
  // Upstream's staging repository of the same image, named by manifests between releases.
  'gcr.io/k8s-staging-gateway-api/echo-basic': ECHO,
  'registry.k8s.io/coredns/coredns': DNS_RESPONDER,
};

/**
 * Images named by upstream's manifests that have no stand-in: their containers wait with ErrImagePull and
 * this reason. echo-advanced is Istio's echo app plus a client the mesh tests exec into, for the mesh profile.
 */
const MESH_ECHO_UNAVAILABLE =
  "it is upstream's mesh echo (Istio's echo app and the client the mesh conformance tests exec into); " +
  'the mesh profile is out of scope for the local cluster: run mesh conformance on a real cluster (kind, k3s or a kubeconfig)';

const unavailable: Record<string, string> = {
  'registry.k8s.io/gateway-api/echo-advanced': MESH_ECHO_UNAVAILABLE,
  'gcr.io/k8s-staging-gateway-api/echo-advanced': MESH_ECHO_UNAVAILABLE,
};

export const PROJECT_IMAGES: readonly ImageCatalogEntry[] = [
  ...Object.entries(scripts).map(([repository, script]) => ({ repository, script: path.join(PROJECT_ROOT, script) })),
  ...Object.entries(unavailable).map(([repository, reason]) => ({ repository, unavailable: reason })),
];
