// Test helpers: writes scenario trees into a fresh temporary folder, and loads one-scenario trees whose
// scenario.yaml is a fixed header followed by the lines a test gives.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { ScenarioError } from '../../../harness/scenario/scenario-error.ts';

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

/** Loading `header` + lines as conformance/one/scenario.yaml (beside `otherFiles`); issuesOf expects the loader to refuse it. */
export function headedScenario(header: string[], otherFiles: Record<string, string> = {}) {
  const files = (lines: string[]) => ({ 'conformance/one/scenario.yaml': `${[...header, ...lines].join('\n')}\n`, ...otherFiles });
  return {
    load: async (lines: string[]) => loadScenarios(await writeTree(files(lines))),
    /** Issues as `line:column message`, each checked to name the scenario file. */
    async issuesOf(lines: string[]): Promise<string[]> {
      const root = await writeTree(files(lines));
      try {
        await loadScenarios(root);
      } catch (error) {
        assert.ok(error instanceof ScenarioError, String(error));
        assert.ok(error.issues.every((issue) => issue.file === join(root, 'conformance/one/scenario.yaml')));
        return error.issues.map((issue) => `${issue.line}:${issue.column} ${issue.message}`);
      }
      assert.fail('the scenario loaded without issues');
    },
  };
}
