// Who a write is recorded for, and the apply options, as the Kubernetes API server reads them: the
// `fieldManager` query parameter, else (for writes other than apply) the User-Agent up to its first "/"
// (`kubectl/v1.32.0 (linux/amd64) ...` is "kubectl"); apply requires a fieldManager, `force` is for apply only.

import type { IncomingMessage } from 'node:http';
import { ApiError } from '../../store/api-error.ts';

const MAX_MANAGER_LENGTH = 128;

function invalidOptions(kind: 'PatchOptions' | 'CreateOptions' | 'UpdateOptions', field: string, message: string): ApiError {
  return new ApiError(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: ${field}: ${message}`, {
    group: 'meta.k8s.io',
    kind,
    causes: [{ reason: message.startsWith('Required') ? 'FieldValueRequired' : 'FieldValueInvalid', message, field }],
  });
}

function checked(manager: string, kind: 'PatchOptions' | 'CreateOptions' | 'UpdateOptions'): string {
  if (manager.length > MAX_MANAGER_LENGTH) {
    throw invalidOptions(kind, 'fieldManager', `Too long: may not be more than ${MAX_MANAGER_LENGTH} bytes`);
  }
  if (/\p{C}/u.test(manager)) throw invalidOptions(kind, 'fieldManager', `Invalid value: ${JSON.stringify(manager)}: must only contain printable characters`);
  return manager;
}

/** The manager of a create, update or non-apply patch. */
export function updateManagerOf(req: IncomingMessage, query: URLSearchParams, kind: 'PatchOptions' | 'CreateOptions' | 'UpdateOptions'): string {
  const sent = query.get('fieldManager');
  if (sent !== null && sent !== '') return checked(sent, kind);
  const userAgent = req.headers['user-agent'] ?? '';
  return [...(userAgent.split('/')[0] ?? '')].filter((character) => !/\p{C}/u.test(character)).join('').slice(0, MAX_MANAGER_LENGTH);
}

export interface ApplyOptions {
  manager: string;
  force: boolean;
}

export function applyOptionsOf(query: URLSearchParams): ApplyOptions {
  const manager = query.get('fieldManager') ?? '';
  if (manager === '') throw invalidOptions('PatchOptions', 'fieldManager', 'Required value: is required for apply patch');
  return { manager: checked(manager, 'PatchOptions'), force: isTrue(query.get('force')) };
}

/** `force` on a patch that is not an apply. */
export function refuseForce(query: URLSearchParams): void {
  if (query.get('force') !== null) throw invalidOptions('PatchOptions', 'force', 'Forbidden: may not be specified for non-apply patch');
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}
