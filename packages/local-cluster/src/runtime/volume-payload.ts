// What a pod volume holds, computed as kubelet's volume plugins compute it before writing anything: the files
// of a `secret` or `configMap` volume (every key, or only `items`, with `defaultMode` or each item's `mode`;
// a missing object or key is an error unless `optional`), or nothing for an `emptyDir`. Errors carry kubelet's
// wording, which the FailedMount event repeats after `MountVolume.SetUp failed for volume "<name>" : `.
import path from 'node:path';
import type { KubeObject } from '../store/object-store-contract.ts';
import type { KeyToPath, Volume } from './kube-shapes.ts';

/** Secrets and ConfigMaps of the pod's namespace, as stored (Secret data base64-encoded). */
export interface VolumeObjectLookups {
  secret(name: string): KubeObject | undefined;
  configMap(name: string): KubeObject | undefined;
}

/** Where kubelet keeps each kind of volume: `volumes/<plugin>/<volume name>` under the pod's directory. */
export type VolumePlugin = 'kubernetes.io~secret' | 'kubernetes.io~configmap' | 'kubernetes.io~empty-dir';

export interface VolumeFile {
  /** Relative to the volume's directory. */
  path: string;
  data: Buffer;
  mode: number;
}

export type VolumePayload =
  | { ok: true; plugin: VolumePlugin; files: VolumeFile[] }
  | { ok: false; message: string };

/** Kubernetes' default for `defaultMode` (0644). */
export const DEFAULT_VOLUME_MODE = 0o644;

export const SUPPORTED_VOLUME_SOURCES = ['secret', 'configMap', 'emptyDir'] as const;

export function volumePayload(volume: Volume, lookups: VolumeObjectLookups): VolumePayload {
  if (volume.secret) {
    const { secretName = '', items, defaultMode, optional = false } = volume.secret;
    const secret = lookups.secret(secretName);
    if (!secret) return optional ? emptyOf('kubernetes.io~secret') : { ok: false, message: `secret "${secretName}" not found` };
    // stringData is write-only in Kubernetes; honoured in case the object was stored without conversion.
    const data = { ...decodedData(secret.data, 'base64'), ...decodedData(secret.stringData, 'utf8') };
    return project('kubernetes.io~secret', data, items, defaultMode, optional, (key) => `references non-existent secret key: ${key}`);
  }
  if (volume.configMap) {
    const { name = '', items, defaultMode, optional = false } = volume.configMap;
    const configMap = lookups.configMap(name);
    if (!configMap) return optional ? emptyOf('kubernetes.io~configmap') : { ok: false, message: `configmap "${name}" not found` };
    const data = { ...decodedData(configMap.data, 'utf8'), ...decodedData(configMap.binaryData, 'base64') };
    return project('kubernetes.io~configmap', data, items, defaultMode, optional, (key) => `configmap references non-existent config key: ${key}`);
  }
  const source = Object.keys(volume).find((field) => field !== 'name');
  // A volume without a source is an emptyDir: the API server's defaulting makes it one.
  if (volume.emptyDir || source === undefined) return emptyOf('kubernetes.io~empty-dir');
  return {
    ok: false,
    message:
      `volume source ${source} is not available in the local cluster (it lays out ${SUPPORTED_VOLUME_SOURCES.join(', ')} volumes); ` +
      'use one of those or a real cluster (kind, k3s or a kubeconfig)',
  };
}

function emptyOf(plugin: VolumePlugin): VolumePayload {
  return { ok: true, plugin, files: [] };
}

function decodedData(data: unknown, encoding: 'base64' | 'utf8'): Record<string, Buffer> {
  const entries = Object.entries((data ?? {}) as Record<string, string>);
  return Object.fromEntries(entries.map(([key, value]) => [key, Buffer.from(String(value), encoding)]));
}

function project(
  plugin: VolumePlugin,
  data: Record<string, Buffer>,
  items: KeyToPath[] | undefined,
  defaultMode: number | undefined,
  optional: boolean,
  missingKey: (key: string) => string,
): VolumePayload {
  const mode = defaultMode ?? DEFAULT_VOLUME_MODE;
  if (!items || items.length === 0) {
    return { ok: true, plugin, files: Object.entries(data).map(([key, bytes]) => ({ path: key, data: bytes, mode })) };
  }
  const files: VolumeFile[] = [];
  for (const item of items) {
    const bytes = data[item.key];
    if (bytes === undefined) {
      if (optional) continue;
      return { ok: false, message: missingKey(item.key) };
    }
    const problem = relativePathProblem(item.path);
    if (problem) return { ok: false, message: `items path "${item.path}" ${problem}` };
    files.push({ path: path.posix.normalize(item.path), data: bytes, mode: item.mode ?? mode });
  }
  return { ok: true, plugin, files };
}

/** Why `text` cannot name a file inside a volume (the API server's rule for item paths and subPaths), if it cannot. */
export function relativePathProblem(text: string): string | undefined {
  if (text === '') return 'must not be empty';
  if (path.posix.isAbsolute(text)) return 'must be a relative path';
  if (text.split('/').includes('..')) return "must not contain '..'";
  return undefined;
}
