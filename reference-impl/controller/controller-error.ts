// Errors the controller reports: each names the API call and the object it concerned.
export class ControllerApiError extends Error {
  readonly code = 'GAUNTLET_CONTROLLER_API';
  readonly httpStatus: number | undefined;
  constructor(message: string, options: { httpStatus?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'ControllerApiError';
    this.httpStatus = options.httpStatus;
  }
}

/** The HTTP status client-node attached to a failed call, if any. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

export function describeFailure(verb: string, what: string, error: unknown): ControllerApiError {
  const httpStatus = httpStatusOf(error);
  const body = typeof error === 'object' && error !== null ? (error as { body?: unknown }).body : undefined;
  const detail = extractMessage(body) ?? (error instanceof Error ? error.message : String(error));
  const status = httpStatus === undefined ? '' : ` (HTTP ${httpStatus})`;
  return new ControllerApiError(`${verb} ${what} failed${status}: ${detail}`, { ...(httpStatus === undefined ? {} : { httpStatus }), cause: error });
}

function extractMessage(body: unknown): string | undefined {
  if (typeof body === 'string') {
    try {
      return extractMessage(JSON.parse(body));
    } catch {
      return body || undefined;
    }
  }
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}
