// The images Gauntlet's local cluster can run, each as the entry script of the project that stands in for it:
// the project's own images, and the upstream conformance images that project code behaves like.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageCatalogEntry } from '@gauntlet/local-cluster';

/** The repository root: entry scripts are relative to it, and pod processes run there. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const ECHO = 'reference-impl/echo/main.ts';

const scripts: Record<string, string> = {
  'gateway-gauntlet/echo': ECHO,
  'gateway-gauntlet/controller': 'reference-impl/controller/main.ts',
  'gateway-gauntlet/proxy': 'reference-impl/proxy/main.ts',
  // Upstream conformance's echo server, so manifests written for upstream run unchanged.
  'gcr.io/k8s-staging-gateway-api/echo-basic': ECHO,
};

export const PROJECT_IMAGES: readonly ImageCatalogEntry[] = Object.entries(scripts).map(([repository, script]) => ({
  repository,
  script: path.join(PROJECT_ROOT, script),
}));
