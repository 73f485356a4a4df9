// Starts a MemoryObjectStore + API server in-process for one test file, and runs the real kubectl
// against it with a fresh discovery cache (ports are reused between runs; a stale cache would lie).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServer, startApiServer } from '../../../src/api/api-server.ts';
import { MemoryObjectStore } from '../../../src/store/memory-object-store.ts';
import { gatewayApiBundlePath } from '../../support/gateway-api-bundles.ts';
import { kubectlFor } from '../../support/kubectl.ts';

export interface LocalApiFixture {
  store: MemoryObjectStore;
  server: ApiServer;
  stateDir: string;
  kubectl(args: string[], stdin?: string): Promise<string>;
  /** Like kubectl() but resolves with the failure's stderr instead of rejecting. */
  kubectlFailure(args: string[], stdin?: string): Promise<string>;
  /** Runs kubectl and resolves with its exit code, stdout and stderr (warnings go to stderr). */
  kubectlResult(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

export async function startLocalApi(): Promise<LocalApiFixture> {
  const stateDir = await mkdtemp(join(tmpdir(), 'gauntlet-local-api-'));
  const store = new MemoryObjectStore();
  const server = await startApiServer({ store, stateDir });
  const kubectl = kubectlFor(server.kubeconfigPath, join(stateDir, 'kube-cache'));
  return {
    store,
    server,
    stateDir,
    kubectl: kubectl.run,
    kubectlResult: kubectl.result,
    async kubectlFailure(args, stdin) {
      const result = await kubectl.result(args, stdin);
      if (result.code === 0) throw new Error(`kubectl ${args.join(' ')} succeeded but was expected to fail: ${result.stdout}`);
      return result.stderr;
    },
    async close() {
      await server.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** The Gateway API release's standard-install.yaml (see test/support/gateway-api-bundles.ts). */
export async function gatewayApiStandardBundle(): Promise<string> {
  return gatewayApiBundlePath('standard');
}
