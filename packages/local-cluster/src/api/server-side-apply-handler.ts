// Server-side apply of a PATCH with application/apply-patch+yaml: the configuration decoded and checked (its
// apiVersion and kind, no managedFields, unknown fields per fieldValidation), then merged into the live object
// by field ownership (field-manager/). Conflicts become the 409 the real server answers; items a keyed list
// cannot name, a 400.

import { badRequest } from '../store/api-error.ts';
import type { KubeObject } from '../store/object-store-contract.ts';
import { applyConflictError } from './field-manager/apply-conflict-error.ts';
import { applyWithOwnership } from './field-manager/field-manager.ts';
import { applyOptionsOf } from './field-manager/field-manager-name.ts';
import { FieldShapeError } from './field-manager/list-items.ts';
import { fieldManagementOf } from './field-manager/resource-field-management.ts';
import { ApplyConflicts } from './field-manager/updater.ts';
import { decodeApplyConfiguration, type WriteTarget, withIdentity } from './object-writer.ts';
import { decodeApplyBody } from './patch/apply-patch.ts';
import { apiVersionOf } from './resource-info.ts';
import type { ResourceRequest, ServerContext } from './server-context.ts';

/** The object a server-side apply stores: the configuration merged by field ownership (see field-manager/). */
export function serverSideApplied(ctx: ServerContext, request: ResourceRequest, target: WriteTarget, current: KubeObject | undefined, text: string): KubeObject {
  const { info } = request;
  const options = applyOptionsOf(request.query);
  const config = decodeApplyBody(text, { group: info.group, version: info.version, kind: info.kind, builtIn: info.builtIn });
  if (config.metadata.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil: an apply configuration cannot set managedFields');
  decodeApplyConfiguration(target, config);
  const management = fieldManagementOf(info, request.subresource, ctx.now());
  try {
    return applyWithOwnership(current, withIdentity(config, current?.metadata.name ?? config.metadata.name, request.namespace), options.manager, options.force, management);
  } catch (error) {
    if (error instanceof ApplyConflicts) throw applyConflictError(error.conflicts);
    if (error instanceof FieldShapeError) throw badRequest(`failed to create typed patch object (${apiVersionOf(info)}, Kind=${info.kind}): ${error.message}`);
    throw error;
  }
}

