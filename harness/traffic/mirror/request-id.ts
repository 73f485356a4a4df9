// A unique id per request in a query parameter, so the request and its mirrored copies can be found in the
// backends' logs unambiguously (upstream conformance does the same with its own parameter). Echo backends
// log the request target with its query, in either log format (echo-log-lines.ts).
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_PARAM = 'gauntlet-request-id';

export function newRequestId(): string {
  return randomUUID();
}

/** The path with `name=<value>` appended to its query. */
export function withQueryParam(path: string, name: string, value: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}

/** The path with `gauntlet-request-id=<id>` appended to its query. */
export function withRequestId(path: string, id: string): string {
  return withQueryParam(path, REQUEST_ID_PARAM, id);
}

/** The id a logged request target carries, if any. */
export function requestIdOf(target: string): string | undefined {
  const query = target.split('?').slice(1).join('?');
  return new URLSearchParams(query).get(REQUEST_ID_PARAM) ?? undefined;
}
