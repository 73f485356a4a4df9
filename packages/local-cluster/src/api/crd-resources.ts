// Reads a CustomResourceDefinition into the ResourceInfo of each served version, with the version's
// validator (helper A2's compileCrdValidators) and printer columns.

import { type CrdVersionValidator, compileCrdValidators } from '../crd/crd-validator.ts';
import { invalid } from '../store/api-error.ts';
import type { KubeObject } from '../store/object-store-contract.ts';
import type { ResourceInfo } from './resource-info.ts';
import { printerColumnsOfCrd } from './table/to-table.ts';

export interface CrdNames {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
}

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  hasStatus: boolean;
}

type Json = Record<string, unknown>;

function asMap(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function crdNames(crd: KubeObject): CrdNames {
  const spec = asMap(crd.spec);
  const names = asMap(spec.names);
  const kind = asString(names.kind);
  return {
    group: asString(spec.group),
    plural: asString(names.plural),
    singular: asString(names.singular) || kind.toLowerCase(),
    kind,
    listKind: asString(names.listKind) || `${kind}List`,
    shortNames: asStrings(names.shortNames),
    categories: asStrings(names.categories),
    namespaced: spec.scope !== 'Cluster',
  };
}

export function crdVersions(crd: KubeObject): CrdVersion[] {
  const versions = asMap(crd.spec).versions;
  if (!Array.isArray(versions)) return [];
  return versions.map((v) => {
    const version = asMap(v);
    return {
      name: asString(version.name),
      served: version.served === true,
      storage: version.storage === true,
      hasStatus: asMap(version.subresources).status !== undefined,
    };
  });
}

/** The checks the real API server makes before it accepts a CRD (the ones that would break serving). */
export function validateCrdShape(crd: KubeObject): void {
  const names = crdNames(crd);
  const versions = crdVersions(crd);
  const causes: { field: string; reason: string; message: string }[] = [];
  const required = (field: string, value: string) => {
    if (!value) causes.push({ field, reason: 'FieldValueRequired', message: 'Required value' });
  };
  required('spec.group', names.group);
  required('spec.names.plural', names.plural);
  required('spec.names.kind', names.kind);
  if (names.group && names.plural && crd.metadata.name !== `${names.plural}.${names.group}`) {
    causes.push({
      field: 'metadata.name',
      reason: 'FieldValueInvalid',
      message: `Invalid value: "${crd.metadata.name}": must be spec.names.plural+"."+spec.group`,
    });
  }
  if (versions.length === 0) causes.push({ field: 'spec.versions', reason: 'FieldValueRequired', message: 'Required value: must have at least one version' });
  if (versions.length > 0 && versions.filter((v) => v.storage).length !== 1) {
    causes.push({ field: 'spec.versions', reason: 'FieldValueInvalid', message: 'Invalid value: must have exactly one version marked as storage version' });
  }
  if (causes.length > 0) invalidCrd(crd, causes);
}

function invalidCrd(crd: KubeObject, causes: { field: string; reason: string; message: string }[]): never {
  throw invalid('CustomResourceDefinition', 'apiextensions.k8s.io', crd.metadata.name, causes);
}

/** Compiles the schemas; a schema that cannot be compiled is a 422 naming the CRD. */
export function compileValidatorsOrInvalid(crd: KubeObject): Map<string, CrdVersionValidator> {
  try {
    return compileCrdValidators(crd);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return invalidCrd(crd, [{ field: 'spec.versions', reason: 'FieldValueInvalid', message }]);
  }
}

export function resourcesOfCrd(crd: KubeObject, validators: Map<string, CrdVersionValidator>): ResourceInfo[] {
  const names = crdNames(crd);
  return crdVersions(crd)
    .filter((v) => v.served)
    .map((v) => {
      const info: ResourceInfo = {
        group: names.group,
        version: v.name,
        resource: names.plural,
        kind: names.kind,
        listKind: names.listKind,
        singularName: names.singular,
        namespaced: names.namespaced,
        shortNames: names.shortNames,
        categories: names.categories,
        hasStatus: v.hasStatus,
        builtIn: false,
        printerColumns: printerColumnsOfCrd(crd, v.name),
      };
      const validator = validators.get(v.name);
      if (validator) info.validator = validator;
      return info;
    });
}
