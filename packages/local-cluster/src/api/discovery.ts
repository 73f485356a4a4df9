// Discovery documents: how kubectl and client-node learn which resources exist. Both the legacy
// documents (/api, /apis, /api/v1, /apis/G/V) and the aggregated v2 form of /api and /apis.

import { apiVersionOf, RESOURCE_VERBS, type ResourceInfo, STATUS_VERBS } from './resource-info.ts';
import type { ResourceRegistry } from './resource-registry.ts';
import { hasScaleSubresource, SCALE_KIND } from './scale-handler.ts';

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((media) => media.includes('as=APIGroupDiscoveryList') && /;\s*v=v2(;|$|\s)/.test(media));
}

export function legacyVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function groupList(registry: ResourceRegistry): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map(apiGroup) };
}

export function group(registry: ResourceRegistry, name: string): object | undefined {
  const found = registry.groups().find((g) => g.group === name);
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(found) } : undefined;
}

export function resourceList(registry: ResourceRegistry, groupName: string, version: string): object {
  const resources = registry.resourcesOf(groupName, version).flatMap((info) => {
    const main = {
      name: info.resource,
      singularName: info.singularName,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: RESOURCE_VERBS,
      ...(info.shortNames.length > 0 ? { shortNames: info.shortNames } : {}),
      ...(info.categories.length > 0 ? { categories: info.categories } : {}),
    };
    const entries: object[] = [main];
    if (info.hasStatus) {
      entries.push({ name: `${info.resource}/status`, singularName: '', namespaced: info.namespaced, kind: info.kind, verbs: STATUS_VERBS });
    }
    if (hasScaleSubresource(info)) {
      entries.push({ name: `${info.resource}/scale`, singularName: '', namespaced: info.namespaced, group: SCALE_KIND.group, version: SCALE_KIND.version, kind: SCALE_KIND.kind, verbs: STATUS_VERBS });
    }
    if (isPods(info)) entries.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    return entries;
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group: groupName, version }), resources };
}

/** Aggregated discovery of the core group (`/api`) or of every named group (`/apis`). */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean): object {
  const groups = core ? [{ group: '', versions: ['v1'] }] : registry.groups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.group === '' ? {} : { name: g.group },
      versions: g.versions.map((version) => ({
        version,
        resources: registry.resourcesOf(g.group, version).map(aggregatedResource),
        freshness: 'Current',
      })),
    })),
  };
}

function aggregatedResource(info: ResourceInfo): object {
  const responseKind = { group: info.group, version: info.version, kind: info.kind };
  const subresources: object[] = [];
  if (info.hasStatus) subresources.push({ subresource: 'status', responseKind, verbs: STATUS_VERBS });
  if (hasScaleSubresource(info)) subresources.push({ subresource: 'scale', responseKind: SCALE_KIND, verbs: STATUS_VERBS });
  if (isPods(info)) subresources.push({ subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] });
  return {
    resource: info.resource,
    responseKind,
    scope: info.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: info.singularName,
    verbs: RESOURCE_VERBS,
    ...(info.shortNames.length > 0 ? { shortNames: info.shortNames } : {}),
    ...(info.categories.length > 0 ? { categories: info.categories } : {}),
    ...(subresources.length > 0 ? { subresources } : {}),
  };
}

function isPods(info: ResourceInfo): boolean {
  return info.group === '' && info.resource === 'pods';
}

function apiGroup(g: { group: string; versions: string[] }): object {
  const versions = g.versions.map((version) => ({ groupVersion: `${g.group}/${version}`, version }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}
