// Admits a golden case's Gateway API objects the way the API server would before the controller sees them:
// the CRD's defaults are applied, and the object must pass the CRD's schema and CEL rules. A field the CRD
// does not know is an error rather than silently pruned: a typo in a case would otherwise pin a golden that
// tests nothing. An object carrying BYPASS_VALIDATION_ANNOTATION (its value says why) stands for one admitted
// by older CRDs or written past validation, which the translator must still handle; it must then really be
// one today's CRDs reject, so the annotation cannot go stale.
import { compileCrdValidators, formatFieldCause, type KubeObject } from '@gauntlet/local-cluster';
import type { GatewayApiChannel } from '../../../../harness/kube/gateway-api-crds.ts';
import type { LocatedManifest } from '../../../../harness/scenario/scenario-types.ts';
import { GATEWAY_API_GROUP } from '../../../../reference-impl/controller/translator/gateway-api-names.ts';
import { gatewayApiCrds } from '../../../support/gateway-api-crd-objects.ts';
import { GoldenInputError } from './golden-input-error.ts';

export const BYPASS_VALIDATION_ANNOTATION = 'golden.gauntlet.dev/bypasses-validation';

/** The object as stored: defaulted when it is a Gateway API object, unchanged otherwise. */
export function admit(manifest: LocatedManifest, channel: GatewayApiChannel): KubeObject {
  const object = manifest.object as KubeObject;
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  if (group !== GATEWAY_API_GROUP) return object;
  const crd = gatewayApiCrds(channel).find((candidate) => (candidate.spec as { names?: { kind?: string } }).names?.kind === object.kind);
  const validator = crd && compileCrdValidators(crd).get(version ?? '');
  if (!validator) throw new GoldenInputError(manifest.source, `${object.apiVersion} ${object.kind} is not served by the ${channel} channel's CRDs`);
  const result = validator.validate(object);
  const name = `${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  if (result.unknownFields.length > 0) throw new GoldenInputError(manifest.source, `${name} has fields its CRD does not know: ${result.unknownFields.join(', ')}`);
  const bypass = (object.metadata.annotations as Record<string, string> | undefined)?.[BYPASS_VALIDATION_ANNOTATION];
  if (bypass === undefined && result.causes.length > 0) {
    throw new GoldenInputError(manifest.source, `${name} is invalid: ${result.causes.map(formatFieldCause).join('; ')} (annotate it ${BYPASS_VALIDATION_ANNOTATION} if the case means it)`);
  }
  if (bypass !== undefined && result.causes.length === 0) {
    throw new GoldenInputError(manifest.source, `${name} is annotated ${BYPASS_VALIDATION_ANNOTATION} but its CRD accepts it: remove the annotation`);
  }
  return result.object;
}
