// The PATCH verb of the local API server: picks the patch flavour from the Content-Type and applies it.
import type { KubeObject } from '../../store/object-store-contract.ts';
import { builtInShape } from '../field-manager/built-in-shape.ts';
import { mergeConfiguration } from '../field-manager/merge.ts';
import { deducedShape } from '../field-manager/shape.ts';
import { applyJsonPatch } from './json-patch.ts';
import { isJsonObject, type JsonObject } from './json-value.ts';
import { applyMergePatch } from './merge-patch.ts';
import { decodePatchBody } from './patch-body.ts';
import { PatchError } from './patch-error.ts';
import { applyStrategicMergePatch } from './strategic-merge-patch.ts';

export { PatchError, type PatchErrorCode } from './patch-error.ts';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface PatchTarget {
  group: string;
  version: string;
  kind: string;
  builtIn: boolean;
}

const patchTypeOfMediaType: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+json': 'apply',
};

/** The media types a PATCH accepts, for a 415 answer's message. */
export const supportedPatchContentTypes = Object.keys(patchTypeOfMediaType);

/** The patch flavour of a Content-Type header (parameters such as charset ignored); undefined when unsupported. */
export function patchTypeOfContentType(contentType: string | undefined): PatchType | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType === undefined ? undefined : patchTypeOfMediaType[mediaType];
}

function apiVersionOf(target: PatchTarget): string {
  return target.group === '' ? target.version : `${target.group}/${target.version}`;
}

function describe(target: PatchTarget, object: KubeObject | undefined): string {
  const name = object?.metadata?.name;
  return name === undefined ? target.kind : `${target.kind} "${name}"`;
}

function checkAppliedIdentity(applied: JsonObject, target: PatchTarget): void {
  const apiVersion = apiVersionOf(target);
  if (applied.apiVersion !== apiVersion) {
    throw new PatchError('BadRequest', `apply: apiVersion ${JSON.stringify(applied.apiVersion)} in the body does not match the resource's ${apiVersion}; set apiVersion: ${apiVersion}`);
  }
  if (applied.kind !== target.kind) {
    throw new PatchError('BadRequest', `apply: kind ${JSON.stringify(applied.kind)} in the body does not match the resource's ${target.kind}; set kind: ${target.kind}`);
  }
  if (!isJsonObject(applied.metadata)) {
    throw new PatchError('BadRequest', `apply: the ${target.kind} in the body has no metadata; set metadata.name`);
  }
}

function asKubeObject(result: unknown, target: PatchTarget, current: KubeObject | undefined): KubeObject {
  const what = describe(target, current);
  if (!isJsonObject(result) || !isJsonObject(result.metadata)) {
    throw new PatchError('Invalid', `the patched ${what} is not an object with metadata; check the patch paths`);
  }
  if (result.kind !== target.kind) {
    throw new PatchError('Invalid', `the patch changes the kind of ${what} to ${JSON.stringify(result.kind)}; kind cannot change`);
  }
  return result as KubeObject;
}

function patchExisting(type: Exclude<PatchType, 'apply'>, current: KubeObject, body: unknown, target: PatchTarget): unknown {
  switch (type) {
    case 'json':
      return applyJsonPatch(current, decodePatchBody(body, false));
    case 'merge': {
      const patch = decodePatchBody(body, false);
      if (!isJsonObject(patch)) throw new PatchError('BadRequest', 'a merge-patch body must be a JSON object');
      return applyMergePatch(current, patch);
    }
    case 'strategic':
      return applyStrategicMergePatch(current, decodePatchBody(body, false), target.kind);
  }
}

/** The configuration of a server-side apply body: a YAML or JSON object of the target's apiVersion and kind. */
export function decodeApplyBody(patch: unknown, target: PatchTarget): KubeObject {
  const applied = decodePatchBody(patch, true);
  if (!isJsonObject(applied)) throw new PatchError('BadRequest', 'an apply body must be a YAML or JSON object');
  checkAppliedIdentity(applied, target);
  return applied as KubeObject;
}

/**
 * Applies a PATCH body (raw string/bytes or already decoded) to `current`. Throws PatchError:
 * BadRequest (400) for a malformed body, UnsupportedMediaType (415) for a strategic merge patch of a custom
 * resource, Invalid (422) when the patch cannot apply, NotFound (404) when a non-apply patch has no object.
 */
export function applyPatch(type: PatchType, current: KubeObject | undefined, patch: unknown, target: PatchTarget): KubeObject {
  if (type === 'strategic' && !target.builtIn) {
    throw new PatchError(
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${supportedPatchContentTypes.filter((t) => !t.startsWith('application/strategic')).join(', ')} (strategic merge patch does not apply to custom resources such as ${target.kind}; use a merge patch)`,
    );
  }
  if (type === 'apply') {
    // Without field ownership (the API server applies resources through field-manager/): a merge by the kind's shape.
    const applied = decodeApplyBody(patch, target);
    const shape = target.builtIn ? builtInShape(target.kind) : deducedShape;
    return asKubeObject(current === undefined ? applied : mergeConfiguration(current, applied, shape), target, current);
  }
  if (current === undefined) {
    throw new PatchError('NotFound', `${target.kind} not found: a ${type} patch needs an existing object; create it first or use server-side apply`);
  }
  return asKubeObject(patchExisting(type, current, patch, target), target, current);
}
