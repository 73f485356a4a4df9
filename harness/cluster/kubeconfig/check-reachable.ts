// Before a run installs anything into an existing cluster, one request to its API server's /version: a cluster
// that is down, a wrong context or a certificate that does not match then fails in a second with the server's
// address and what to check, instead of as "fetch failed" from deep inside the first CRD read.
//
//   checkClusterReachable(kubeconfigPath, timeoutMs?): Promise<void>   throws ClusterUnreachableError
import { KubeConfig, VersionApi } from '@kubernetes/client-node';

export class ClusterUnreachableError extends Error {
  readonly code = 'GAUNTLET_CLUSTER_UNREACHABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClusterUnreachableError';
  }
}

/** The innermost system error code of a cause chain (undici wraps ECONNREFUSED in "fetch failed"). */
function rootCause(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth += 1) current = current.cause;
  const code = current instanceof Error ? (current as { code?: unknown }).code : undefined;
  return { ...(typeof code === 'string' ? { code } : {}), message: current instanceof Error ? current.message : String(current) };
}

export async function checkClusterReachable(kubeconfigPath: string, timeoutMs = 10_000): Promise<void> {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  const server = config.getCurrentCluster()?.server ?? '(no server)';
  const where = `the cluster of ${kubeconfigPath} (context ${config.getCurrentContext() || '(none)'}, server ${server})`;
  const version = config.makeApiClient(VersionApi);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    await Promise.race([version.getCode(), timeout]);
  } catch (error) {
    // An HTTP status (401, 403, ...) is an answer: the server is there, and what it refuses shows up later.
    if (typeof (error as { code?: unknown }).code === 'number') return;
    const cause = rootCause(error);
    throw new ClusterUnreachableError(
      `${where} does not answer: ${cause.message}${cause.code && !cause.message.includes(cause.code) ? ` (${cause.code})` : ''}. ` +
        `Check that the cluster is running and that this kubeconfig's current context is the one you mean ` +
        `(kubectl --kubeconfig ${kubeconfigPath} cluster-info), or start a local one with gauntlet up`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
