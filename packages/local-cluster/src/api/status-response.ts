// Every failure leaves the API server as a Kubernetes `Status` object, which kubectl and client-node
// print and act on (reason, code, details.causes).

import type { ServerResponse } from 'node:http';
import { ApiError } from '../store/api-error.ts';
import { ExpiredContinueError } from './list/expired-continue-error.ts';

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  /** A 410 for an expired continue token offers one that resumes at the current state. */
  metadata: { continue?: string };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  code: number;
  details?: object;
}

export function statusOfError(error: unknown): StatusObject {
  const apiError = toApiError(error);
  const status: StatusObject = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: apiError.message,
    reason: apiError.reason,
    code: apiError.code,
  };
  if (apiError.details) status.details = apiError.details;
  if (apiError instanceof ExpiredContinueError) status.metadata = { continue: apiError.continueToken };
  return status;
}

/** Errors of other kinds (patch errors carry `code` as a reason and `httpStatus`) become ApiErrors. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error && 'httpStatus' in error && typeof error.httpStatus === 'number') {
    const reason = 'code' in error && typeof error.code === 'string' ? error.code : 'BadRequest';
    return new ApiError(error.httpStatus, reason as ApiError['reason'], error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(500, 'InternalError', `internal error in the local API server: ${message}`);
}

export function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const status = statusOfError(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, status.code, status);
}
