// Loads the pinned Gateway API CRDs for the tests from the directory named by GAUNTLET_GATEWAY_API_CRDS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type CrdVersionValidator, compileCrdValidators } from '../../../harness/cluster/local/crd/crd-validator.ts';
import type { KubeObject } from '../../../harness/cluster/local/store/object-store-contract.ts';

export type Channel = 'standard' | 'experimental';

function crdDirectory(): string {
  const directory = process.env.GAUNTLET_GATEWAY_API_CRDS;
  if (directory === undefined || directory === '') {
    throw new Error(
      'GAUNTLET_GATEWAY_API_CRDS is not set: export it to the folder holding the Gateway API v1.6.1 standard-install.yaml and experimental-install.yaml',
    );
  }
  return directory;
}

const crdsByChannel = new Map<Channel, KubeObject[]>();

export function gatewayApiCrds(channel: Channel): KubeObject[] {
  const cached = crdsByChannel.get(channel);
  if (cached !== undefined) return cached;
  const text = readFileSync(join(crdDirectory(), `${channel}-install.yaml`), 'utf8');
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
