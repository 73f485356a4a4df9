// The Secrets and ConfigMaps of a pod's namespace as the kubelet reads them: decoded text for environment
// variables (container-env.ts), the stored objects for volumes (volume-payload.ts decodes their bytes).
import type { ObjectStore } from '../store/object-store-contract.ts';
import type { EnvLookups } from './container-env.ts';
import { CONFIG_MAPS, SECRETS } from './resource-keys.ts';
import type { VolumeObjectLookups } from './volume-payload.ts';

export function envLookupsIn(store: ObjectStore, namespace: string): EnvLookups {
  const read = (key: typeof SECRETS, name: string, decode: boolean) => {
    const object = store.get(key, namespace, name);
    if (!object) return undefined;
    const data: Record<string, string> = {};
    for (const [k, v] of Object.entries((object.data ?? {}) as Record<string, string>)) {
      data[k] = decode ? Buffer.from(v, 'base64').toString('utf8') : v;
    }
    // stringData is write-only in Kubernetes; honour it in case the object was stored without conversion.
    Object.assign(data, (object.stringData ?? {}) as Record<string, string>);
    return data;
  };
  return { secret: (name) => read(SECRETS, name, true), configMap: (name) => read(CONFIG_MAPS, name, false) };
}

export function volumeLookupsIn(store: ObjectStore, namespace: string): VolumeObjectLookups {
  return {
    secret: (name) => store.get(SECRETS, namespace, name),
    configMap: (name) => store.get(CONFIG_MAPS, namespace, name),
  };
}
