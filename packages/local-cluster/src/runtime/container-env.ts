// A container's environment and argv as kubelet builds them: envFrom first, then env (later wins),
// `valueFrom` resolved (fieldRef, secretKeyRef, configMapKeyRef), `$(VAR)` references expanded in
// values and args (`$$(` escapes them). A missing secret or config map makes the container fail to
// start with a message, as kubelet's CreateContainerConfigError does.
import type { Container, EnvVar, KeyRef, Pod } from './kube-shapes.ts';

export interface EnvLookups {
  /** Decoded data of a Secret in the pod's namespace, or undefined when it does not exist. */
  secret(name: string): Record<string, string> | undefined;
  configMap(name: string): Record<string, string> | undefined;
}

export interface PodAddresses {
  podIP: string;
  hostIP: string;
}

export type ResolvedEnv = { ok: true; env: Record<string, string>; args: string[] } | { ok: false; message: string };

export function resolveContainerEnv(container: Container, pod: Pod, addresses: PodAddresses, lookups: EnvLookups): ResolvedEnv {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const fromSource = resolveEnvFrom(source, lookups);
    if (typeof fromSource === 'string') return { ok: false, message: fromSource };
    Object.assign(env, fromSource);
  }
  for (const variable of container.env ?? []) {
    const value = resolveValue(variable, pod, addresses, lookups, env);
    if (value.error !== undefined) return { ok: false, message: value.error };
    if (value.value !== undefined) env[variable.name] = value.value;
  }
  const args = (container.args ?? []).map((arg) => expandReferences(arg, env));
  return { ok: true, env, args };
}

function resolveEnvFrom(
  source: NonNullable<Container['envFrom']>[number],
  lookups: EnvLookups,
): Record<string, string> | string {
  const prefix = source.prefix ?? '';
  const reference = source.configMapRef ?? source.secretRef;
  const kind = source.configMapRef ? 'configmap' : 'secret';
  if (!reference?.name) return {};
  const data = kind === 'configmap' ? lookups.configMap(reference.name) : lookups.secret(reference.name);
  if (!data) return reference.optional ? {} : `${kind} "${reference.name}" not found`;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [prefix + key, value]));
}

interface ValueOrError {
  value?: string;
  error?: string;
}

function resolveValue(
  variable: EnvVar,
  pod: Pod,
  addresses: PodAddresses,
  lookups: EnvLookups,
  defined: Record<string, string>,
): ValueOrError {
  const from = variable.valueFrom;
  if (!from) return { value: expandReferences(variable.value ?? '', defined) };
  if (from.fieldRef) return fieldValue(from.fieldRef.fieldPath, pod, addresses);
  if (from.secretKeyRef) return keyValue('Secret', from.secretKeyRef, pod, (name) => lookups.secret(name));
  if (from.configMapKeyRef) return keyValue('ConfigMap', from.configMapKeyRef, pod, (name) => lookups.configMap(name));
  return { error: `env ${variable.name}: valueFrom has no source this local cluster supports (fieldRef, secretKeyRef, configMapKeyRef)` };
}

function keyValue(
  kind: 'Secret' | 'ConfigMap',
  reference: KeyRef,
  pod: Pod,
  read: (name: string) => Record<string, string> | undefined,
): ValueOrError {
  const data = reference.name ? read(reference.name) : undefined;
  if (!data) return reference.optional ? {} : { error: `${kind.toLowerCase()} "${reference.name ?? ''}" not found` };
  const value = data[reference.key];
  if (value === undefined && !reference.optional) {
    return { error: `couldn't find key ${reference.key} in ${kind} ${pod.metadata.namespace ?? ''}/${reference.name ?? ''}` };
  }
  return value === undefined ? {} : { value };
}

/** The downward API fields kubelet supports for env. */
export function fieldValue(fieldPath: string, pod: Pod, addresses: PodAddresses): ValueOrError {
  const subscript = /^metadata\.(labels|annotations)\['([^']*)'\]$/.exec(fieldPath);
  if (subscript) {
    const map = subscript[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return { value: map?.[subscript[2] ?? ''] ?? '' };
  }
  const values: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec.nodeName,
    'spec.serviceAccountName': pod.spec.serviceAccountName ?? 'default',
    'status.podIP': addresses.podIP,
    'status.podIPs': addresses.podIP,
    'status.hostIP': addresses.hostIP,
    'status.hostIPs': addresses.hostIP,
  };
  if (!(fieldPath in values)) {
    return { error: `fieldRef "${fieldPath}" is not supported: use one of ${Object.keys(values).join(', ')}, metadata.labels['key'], metadata.annotations['key']` };
  }
  return { value: values[fieldPath] ?? '' };
}

/** Kubernetes' `$(VAR)` expansion: defined variables are replaced, undefined ones stay as written, `$$` escapes. */
export function expandReferences(text: string, defined: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && name in defined ? (defined[name] ?? '') : match;
  });
}
