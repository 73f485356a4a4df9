// One error type for every failed Kubernetes API call the harness makes, carrying the object it was about
// and, when the object came from a file, where it was written.
import type { SourceLocation } from './manifest.ts';

export class KubeApiError extends Error {
  readonly code = 'GAUNTLET_KUBE_API';
  readonly httpStatus: number | undefined;
  readonly reason: string | undefined;
  constructor(message: string, details: { httpStatus?: number; reason?: string; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.name = 'KubeApiError';
    this.httpStatus = details.httpStatus;
    this.reason = details.reason;
  }
}

interface StatusBody {
  message?: string;
  reason?: string;
}

/** Turns what client-node threw into a KubeApiError naming the verb, the object and its source. */
export function toKubeApiError(
  error: unknown,
  verb: string,
  object: { kind?: string; metadata?: { namespace?: string; name?: string } },
  source?: SourceLocation,
): KubeApiError {
  const httpStatus = readNumber(error, 'code');
  const status = parseStatusBody(error);
  const where = source ? ` (${source.file}:${source.line})` : '';
  const what = `${object.kind ?? 'object'} ${qualifiedName(object.metadata)}`;
  const detail = status?.message ?? (error instanceof Error ? error.message : String(error));
  return new KubeApiError(`${verb} ${what}${where} failed: ${detail}`, {
    httpStatus,
    reason: status?.reason,
    cause: error,
  });
}

export function isNotFound(error: unknown): boolean {
  return readNumber(error, 'code') === 404 || (error instanceof KubeApiError && error.httpStatus === 404);
}

export function qualifiedName(metadata: { namespace?: string; name?: string } | undefined): string {
  if (!metadata) return '<unnamed>';
  return metadata.namespace ? `${metadata.namespace}/${metadata.name}` : `${metadata.name}`;
}

function readNumber(value: unknown, key: string): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'number' ? field : undefined;
}

function parseStatusBody(error: unknown): StatusBody | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const body = (error as { body?: unknown }).body;
  if (typeof body === 'object' && body !== null) return body as StatusBody;
  if (typeof body !== 'string') return undefined;
  try {
    return JSON.parse(body) as StatusBody;
  } catch {
    return { message: body };
  }
}
