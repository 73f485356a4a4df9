// A minimal OpenAPI v3 answer. kubectl apply/create/replace refuse to work without one; with an
// operation per kind that declares its group-version-kind and a `fieldValidation` query parameter,
// kubectl leaves validation to the server. No schemas are published (kubectl then uses its compiled-in
// knowledge of built-in kinds for strategic merge patches).

import { apiVersionOf, type ResourceInfo } from './resource-info.ts';
import type { ResourceRegistry } from './resource-registry.ts';

export function openApiIndex(registry: ResourceRegistry): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  const hash = documentHash(registry);
  paths['api/v1'] = { serverRelativeURL: `/openapi/v3/api/v1?hash=${hash}` };
  for (const g of registry.groups()) {
    for (const version of g.versions) {
      const path = `apis/${g.group}/${version}`;
      paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
    }
  }
  return { paths };
}

export function openApiDocument(registry: ResourceRegistry, group: string, version: string): object | undefined {
  const resources = registry.resourcesOf(group, version);
  if (resources.length === 0) return undefined;
  const paths: Record<string, object> = {};
  for (const info of resources) paths[itemPath(info)] = { patch: patchOperation(info) };
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0-gauntlet' },
    paths,
    components: { schemas: {} },
  };
}

/** Changes whenever the served resources change, so kubectl's cache of the documents is refreshed. */
function documentHash(registry: ResourceRegistry): string {
  return `g${registry.generation.toString(16).padStart(8, '0')}`;
}

function itemPath(info: ResourceInfo): string {
  const prefix = info.group === '' ? '/api/v1' : `/apis/${apiVersionOf(info)}`;
  return info.namespaced ? `${prefix}/namespaces/{namespace}/${info.resource}/{name}` : `${prefix}/${info.resource}/{name}`;
}

function patchOperation(info: ResourceInfo): object {
  return {
    operationId: `patch${info.kind}`,
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: info.group, version: info.version, kind: info.kind },
    parameters: [
      { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
    ],
    responses: { '200': { description: 'OK' } },
  };
}
