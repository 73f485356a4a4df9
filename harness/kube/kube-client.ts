// The harness's connection to a cluster: client-node's generic object API over a kubeconfig.
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { PooledKubeConfig } from '../../reference-impl/net/pooled-kube-config.ts';
import { isNotFound, toKubeApiError } from './kube-api-error.ts';
import { StrictObjectApi } from './strict-object-api.ts';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface KubeClient {
  readonly config: KubeConfig;
  readonly objects: StrictObjectApi;
  /** The object, or undefined when it does not exist. */
  read(ref: ObjectRef): Promise<KubernetesObject | undefined>;
}

export function connectKube(kubeconfigPath: string): KubeClient {
  // Kept connections: client-node alone opens a TLS connection per request, which cost the local cluster's
  // API server (in this process) a handshake per object applied.
  const config = new PooledKubeConfig();
  config.loadFromFile(kubeconfigPath);
  const objects = StrictObjectApi.fromKubeConfig(config);
  return {
    config,
    objects,
    async read(ref) {
      const header = { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } };
      try {
        return await objects.read(header);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw toKubeApiError(error, 'read', header);
      }
    },
  };
}

export function refOf(object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}
