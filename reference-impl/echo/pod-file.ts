// Files a pod's manifest names by absolute path (TLS_SERVER_CERT=/etc/secret-volume/crt, coredns's
// `-conf /root/Corefile`) live in volumes. In a real cluster they are at that path; a runtime that runs
// pods as local processes lays each pod's volumes out under a directory of its own and names it in
// LOCAL_CLUSTER_POD_ROOT, which then stands for the container's `/`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from './echo-settings.ts';

export const POD_ROOT_VARIABLE = 'LOCAL_CLUSTER_POD_ROOT';

export class PodFileError extends Error {
  readonly code = 'POD_FILE_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'PodFileError';
  }
}

/** Where `containerPath` is on this machine. */
export function podFilePath(containerPath: string, env: Environment): string {
  const root = env[POD_ROOT_VARIABLE];
  if (root === undefined || root === '' || !path.isAbsolute(containerPath)) return containerPath;
  return path.join(root, containerPath);
}

/** Reads a file the pod's configuration names; `origin` says where it was named (e.g. "TLS_SERVER_CERT"). */
export function readPodFile(containerPath: string, env: Environment, origin: string): Buffer {
  const hostPath = podFilePath(containerPath, env);
  try {
    return readFileSync(hostPath);
  } catch (error) {
    const where = hostPath === containerPath ? '' : ` (at ${hostPath}, under ${POD_ROOT_VARIABLE})`;
    throw new PodFileError(
      `${origin} names ${containerPath}${where}, which cannot be read: ${(error as Error).message}; ` +
        'mount the volume that holds it or fix the path',
    );
  }
}
