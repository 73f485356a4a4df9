// The one error type of the local cluster's store and API server. It carries what the API server
// needs to answer with a Kubernetes `Status`: the HTTP code, the Status reason and details.

export type ApiErrorReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Expired'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'Forbidden'
  | 'Unauthorized'
  | 'RequestEntityTooLarge'
  | 'NotAcceptable'
  | 'Timeout'
  | 'InternalError';

export interface StatusCause {
  /** Kubernetes cause type, e.g. FieldValueInvalid; an admission denial's cause has none. */
  reason?: string;
  message: string;
  /** Path of the offending field, e.g. spec.listeners[0].port. */
  field?: string;
}

export interface ApiErrorDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  readonly code: number;
  readonly reason: ApiErrorReason;
  readonly details: ApiErrorDetails | undefined;

  constructor(code: number, reason: ApiErrorReason, message: string, details?: ApiErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

/** `deployments.apps`, or `pods` for the core group: how the API server names a resource in messages. */
export function qualifiedResource(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

export function notFound(group: string, resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(group, resource)} "${name}" not found`, {
    name,
    group,
    kind: resource,
  });
}

export function alreadyExists(group: string, resource: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(group, resource)} "${name}" already exists`, {
    name,
    group,
    kind: resource,
  });
}

export function conflict(group: string, resource: string, name: string, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(group, resource)} "${name}": ${why}`,
    { name, group, kind: resource },
  );
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function invalid(
  kind: string,
  group: string,
  name: string,
  causes: StatusCause[],
): ApiError {
  const summary = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join(', ');
  const label = group === '' ? kind : `${kind}.${group}`;
  return new ApiError(422, 'Invalid', `${label} "${name}" is invalid: ${summary}`, {
    name,
    group,
    kind,
    causes,
  });
}
