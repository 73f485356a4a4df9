// Test helper: writes scenario trees into a fresh temporary folder.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export async function writeTree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'gauntlet-scenario-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

export const validScenario = (id: string) => `id: ${id}
description: a scenario
profile: GATEWAY-HTTP
features: [Gateway, HTTPRoute]
manifests:
  - manifests.yaml
requests:
  - gateway: ns/gw
    http: { path: / }
    expect: { response: { status: 200 } }
`;

export const routeManifest = `# a comment first
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route
  namespace: ns
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route-two
  namespace: ns
`;

/** `${NAME}` spelled without a literal "${" in the source (which reads like a forgotten template). */
export const placeholder = (name: string): string => ['$', '{', name, '}'].join('');
