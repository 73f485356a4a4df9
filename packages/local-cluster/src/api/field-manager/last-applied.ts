// How server-side apply by kubectl takes over from client-side `kubectl apply`, as the Kubernetes API server
// arranges it for the manager named "kubectl": fields whose live value is still what the
// kubectl.kubernetes.io/last-applied-configuration annotation says do not conflict, and while the object
// carries that annotation, each server-side apply rewrites it so that a later client-side apply still works.

import type { KubeObject } from '../../store/object-store-contract.ts';
import { compareObjects } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { fieldSetOf } from './field-set-of.ts';
import type { Shape } from './shape.ts';
import type { Conflict } from './updater.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const KUBECTL_MANAGER = 'kubectl';

function lastAppliedOf(live: KubeObject): Record<string, unknown> | undefined {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The conflicts that remain once the fields client-side apply set, unchanged since, are allowed. */
export function conflictsBeyondLastApplied(conflicts: Conflict[], live: KubeObject, shape: Shape): Conflict[] {
  const lastApplied = lastAppliedOf(live);
  if (lastApplied === undefined) return conflicts;
  let allowed: FieldSet;
  try {
    allowed = fieldSetOf(lastApplied, shape).difference(compareObjects(lastApplied, live, shape).modified);
  } catch {
    return conflicts;
  }
  return conflicts.map((conflict) => ({ ...conflict, fields: conflict.fields.difference(allowed) })).filter((conflict) => !conflict.fields.isEmpty());
}

/** JSON with object keys sorted, as Go encodes the annotation. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Rewrites the annotation of `applied` (the object after the apply) from `config`, when it has one. */
export function updateLastApplied(applied: KubeObject, config: KubeObject): void {
  const annotations = applied.metadata.annotations;
  if (annotations?.[LAST_APPLIED_ANNOTATION] === undefined) return;
  const configAnnotations = { ...config.metadata.annotations };
  delete configAnnotations[LAST_APPLIED_ANNOTATION];
  const metadata = { ...config.metadata };
  if (Object.keys(configAnnotations).length > 0) metadata.annotations = configAnnotations;
  else delete metadata.annotations;
  annotations[LAST_APPLIED_ANNOTATION] = sortedJson({ ...config, metadata });
}
