// Loads the pinned Gateway API CRDs (both channels) for the tests.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { type CrdVersionValidator, compileCrdValidators } from '../../../src/crd/crd-validator.ts';
import type { KubeObject } from '../../../src/store/object-store-contract.ts';
import { type GatewayApiChannel, gatewayApiBundlePath } from '../../support/gateway-api-bundles.ts';

export type Channel = GatewayApiChannel;

const crdsByChannel = new Map<Channel, KubeObject[]>();

export function gatewayApiCrds(channel: Channel): KubeObject[] {
  const cached = crdsByChannel.get(channel);
  if (cached !== undefined) return cached;
  const text = readFileSync(gatewayApiBundlePath(channel), 'utf8');
  const crds = parseAllDocuments(text)
    .map((document) => document.toJS() as KubeObject | null)
    .filter((document): document is KubeObject => document?.kind === 'CustomResourceDefinition');
  crdsByChannel.set(channel, crds);
  return crds;
}

const validators = new Map<string, CrdVersionValidator>();

/** The validator of `version` of the CRD named `crdName` (e.g. gateways.gateway.networking.k8s.io), compiled once. */
export function gatewayApiValidator(crdName: string, version = 'v1', channel: Channel = 'experimental'): CrdVersionValidator {
  const key = `${channel}/${crdName}/${version}`;
  const cached = validators.get(key);
  if (cached !== undefined) return cached;
  const crd = gatewayApiCrds(channel).find((candidate) => candidate.metadata.name === crdName);
  if (crd === undefined) throw new Error(`no CRD named ${crdName} in the ${channel} channel`);
  const validator = compileCrdValidators(crd).get(version);
  if (validator === undefined) throw new Error(`CRD ${crdName} serves no version ${version}`);
  validators.set(key, validator);
  return validator;
}
