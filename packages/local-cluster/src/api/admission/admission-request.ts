// One write as admission sees it, and the `request` variable admission policies read it through
// (kind, resource, subResource, name, namespace, operation, userInfo, dryRun), as the Kubernetes API server
// binds it. Everyone here is the cluster admin: userInfo says so.

import type { KubeObject } from '../../store/object-store-contract.ts';
import type { ResourceInfo } from '../resource-info.ts';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  operation: AdmissionOperation;
  info: ResourceInfo;
  subresource: string | undefined;
  name: string;
  namespace: string | undefined;
  /** The object after the write; undefined for DELETE. */
  object: KubeObject | undefined;
  /** The object before the write; undefined for CREATE. */
  oldObject: KubeObject | undefined;
  dryRun: boolean;
}

export const ADMIN_USER = { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] };

export function requestVariable(request: AdmissionRequest): Record<string, unknown> {
  const { info } = request;
  const kind = { group: info.group, version: info.version, kind: info.kind };
  const resource = { group: info.group, version: info.version, resource: info.resource };
  return {
    uid: crypto.randomUUID(),
    kind,
    resource,
    subResource: request.subresource ?? '',
    requestKind: kind,
    requestResource: resource,
    requestSubResource: request.subresource ?? '',
    name: request.name,
    namespace: request.namespace ?? '',
    operation: request.operation,
    userInfo: ADMIN_USER,
    dryRun: request.dryRun,
  };
}
