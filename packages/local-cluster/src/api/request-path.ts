// Turns a request path into what it addresses, as the Kubernetes API server reads its URLs:
// /api/v1/namespaces/NS/RESOURCE/NAME/SUBRESOURCE and /apis/GROUP/VERSION/..., plus discovery,
// OpenAPI and health paths.

export type RequestTarget =
  | { type: 'health' }
  | { type: 'version' }
  | { type: 'openapi-v3-index' }
  | { type: 'openapi-v3-document'; group: string; version: string }
  | { type: 'legacy-versions' } // /api
  | { type: 'group-list' } // /apis
  | { type: 'group'; group: string } // /apis/G
  | { type: 'group-version'; group: string; version: string } // /api/v1, /apis/G/V
  | ResourceTarget
  | { type: 'unknown' };

export interface ResourceTarget {
  type: 'resource';
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Subresources of a namespace: /api/v1/namespaces/NAME/status is the namespace's status, not a resource "status". */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestPath(pathname: string): RequestTarget {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 1 && (first === 'healthz' || first === 'livez' || first === 'readyz')) return { type: 'health' };
  if (parts.length === 1 && first === 'version') return { type: 'version' };
  if (first === 'openapi') return parseOpenApiPath(parts.slice(1));
  if (first === 'api') {
    if (second === undefined) return { type: 'legacy-versions' };
    return parseGroupVersionPath('', second, parts.slice(2));
  }
  if (first === 'apis') {
    if (second === undefined) return { type: 'group-list' };
    if (third === undefined) return { type: 'group', group: second };
    return parseGroupVersionPath(second, third, parts.slice(3));
  }
  return { type: 'unknown' };
}

function parseOpenApiPath(rest: string[]): RequestTarget {
  if (rest[0] !== 'v3') return { type: 'unknown' };
  if (rest.length === 1) return { type: 'openapi-v3-index' };
  if (rest[1] === 'api' && rest.length === 3 && rest[2]) return { type: 'openapi-v3-document', group: '', version: rest[2] };
  if (rest[1] === 'apis' && rest.length === 4 && rest[2] && rest[3]) {
    return { type: 'openapi-v3-document', group: rest[2], version: rest[3] };
  }
  return { type: 'unknown' };
}

function parseGroupVersionPath(group: string, version: string, rest: string[]): RequestTarget {
  if (rest.length === 0) return { type: 'group-version', group, version };
  let namespace: string | undefined;
  let parts = rest;
  if (parts[0] === 'namespaces' && parts.length >= 3 && !NAMESPACE_SUBRESOURCES.has(parts[2] ?? '')) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const [resource, name, subresource, ...extra] = parts;
  if (resource === undefined || extra.length > 0) return { type: 'unknown' };
  const target: ResourceTarget = { type: 'resource', group, version, resource };
  if (namespace !== undefined) target.namespace = namespace;
  if (name !== undefined) target.name = name;
  if (subresource !== undefined) target.subresource = subresource;
  return target;
}
