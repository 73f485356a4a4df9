// What the API server knows about one served resource in one version: enough for routing,
// discovery, OpenAPI, defaulting, validation and Table printing.

import type { CrdVersionValidator } from '../crd/crd-validator.ts';
import type { ResourceKey } from '../store/object-store-contract.ts';
import type { PrinterColumn } from './table/to-table.ts';

export interface ResourceInfo {
  group: string;
  version: string;
  /** Plural, lower case: the path segment (`deployments`). */
  resource: string;
  kind: string;
  listKind: string;
  singularName: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Whether `.status` is written only through the `/status` subresource. */
  hasStatus: boolean;
  /** Built-in kinds take strategic merge patches; custom resources do not. */
  builtIn: boolean;
  printerColumns: PrinterColumn[];
  /** Schema validation/defaulting of a custom resource's version; built-ins have none. */
  validator?: CrdVersionValidator;
}

export function storeKeyOf(info: ResourceInfo): ResourceKey {
  return { group: info.group, resource: info.resource };
}

export function apiVersionOf(info: { group: string; version: string }): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** The verbs every resource here supports (the server implements them all generically). */
export const RESOURCE_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const STATUS_VERBS = ['get', 'patch', 'update'];
