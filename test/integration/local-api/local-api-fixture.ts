// Starts a MemoryObjectStore + API server in-process for one test file, and runs the real kubectl
// against it with a fresh discovery cache (ports are reused between runs; a stale cache would lie).

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiServer, startApiServer } from '../../../harness/cluster/local/api/api-server.ts';
import { MemoryObjectStore } from '../../../harness/cluster/local/store/memory-object-store.ts';
import { resolveGatewayApiCrds } from '../../../harness/kube/gateway-api-crds.ts';

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
  const env = { ...process.env, KUBECACHEDIR: join(stateDir, 'kube-cache'), KUBECONFIG: server.kubeconfigPath };
  const run = (args: string[], stdin?: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        'kubectl',
        ['--kubeconfig', server.kubeconfigPath, ...args],
        { env, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
      child.stdin?.end(stdin ?? '');
    });
  return {
    store,
    server,
    stateDir,
    async kubectl(args, stdin) {
      const result = await run(args, stdin);
      if (result.code !== 0) {
        throw new Error(`kubectl ${args.join(' ')} failed (exit ${result.code}): ${result.stderr}${result.stdout}`);
      }
      return result.stdout;
    },
    kubectlResult: run,
    async kubectlFailure(args, stdin) {
      const result = await run(args, stdin);
      if (result.code === 0) throw new Error(`kubectl ${args.join(' ')} succeeded but was expected to fail: ${result.stdout}`);
      return result.stderr;
    },
    async close() {
      await server.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** The pinned Gateway API release's standard-install.yaml, from where a run takes it (variable, cache or download). */
export async function gatewayApiStandardBundle(): Promise<string> {
  return (await resolveGatewayApiCrds()).path;
}
