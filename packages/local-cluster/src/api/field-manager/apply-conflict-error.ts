// The 409 a server-side apply gets when it would change fields other managers own, in the form the
// Kubernetes API server gives it: reason Conflict, one cause per field (type FieldManagerConflict, the field
// path, the manager), and the message kubectl prints before its advice on --force-conflicts.

import { ApiError, type StatusCause } from '../../store/api-error.ts';
import { describeManager } from './managers.ts';
import { describePath } from './path-element.ts';
import type { Conflict } from './updater.ts';

export function applyConflictError(conflicts: Conflict[]): ApiError {
  const fields = conflicts.flatMap(({ manager, fields: set }) => set.paths().map((path) => ({ manager: describeManager(manager), field: describePath(path) })));
  const causes: StatusCause[] = fields.map(({ manager, field }) => ({ reason: 'FieldManagerConflict', message: `conflict with ${manager}`, field }));
  return new ApiError(409, 'Conflict', conflictMessage(fields), { causes });
}

function conflictMessage(fields: { manager: string; field: string }[]): string {
  const [only] = fields;
  if (fields.length === 1 && only !== undefined) return `Apply failed with 1 conflict: conflict with ${only.manager}: ${only.field}`;
  const byManager = new Map<string, string[]>();
  for (const { manager, field } of fields) byManager.set(manager, [...(byManager.get(manager) ?? []), field]);
  const lines = [...byManager.keys()].sort().flatMap((manager) => [`conflicts with ${manager}:`, ...(byManager.get(manager) ?? []).map((field) => `- ${field}`)]);
  return `Apply failed with ${fields.length} conflicts: ${lines.join('\n')}`;
}
