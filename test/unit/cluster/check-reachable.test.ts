import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterUnreachableError, checkClusterReachable } from '../../../harness/cluster/kubeconfig/check-reachable.ts';

function kubeconfig(server: string): string {
  return `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "${server}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: ctx, context: { cluster: c, user: u } }]
current-context: ctx
`;
}

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('checkClusterReachable', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-reachable-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the kubeconfig, context and server of a cluster that does not answer, and what to check', async () => {
    const port = await closedPort();
    const file = join(dir, 'down.yaml');
    await writeFile(file, kubeconfig(`https://127.0.0.1:${port}`));
    const error = await checkClusterReachable(file).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    assert.ok(error instanceof ClusterUnreachableError, String(error));
    assert.equal(error.code, 'GAUNTLET_CLUSTER_UNREACHABLE');
    assert.match(error.message, new RegExp(`^the cluster of ${file} \\(context ctx, server https://127\\.0\\.0\\.1:${port}\\) does not answer: .*ECONNREFUSED`));
    assert.match(error.message, /kubectl --kubeconfig .* cluster-info/);
  });

  it('gives up after its timeout on a server that accepts connections but never answers', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const file = join(dir, 'silent.yaml');
    await writeFile(file, kubeconfig(`https://127.0.0.1:${port}`));
    try {
      await assert.rejects(checkClusterReachable(file, 300), /does not answer: no answer within 0\.3 s/);
    } finally {
      silent.close();
    }
  });
});
