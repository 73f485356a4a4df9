// The error a PATCH answers with. `code` is the Kubernetes Status reason the API server puts in its answer.

export type PatchErrorCode = 'BadRequest' | 'UnsupportedMediaType' | 'Invalid' | 'NotFound';

const httpStatusOfCode: Record<PatchErrorCode, number> = {
  BadRequest: 400,
  UnsupportedMediaType: 415,
  Invalid: 422,
  NotFound: 404,
};

export class PatchError extends Error {
  readonly code: PatchErrorCode;
  readonly httpStatus: number;

  constructor(code: PatchErrorCode, message: string) {
    super(message);
    this.name = 'PatchError';
    this.code = code;
    this.httpStatus = httpStatusOfCode[code];
  }
}
