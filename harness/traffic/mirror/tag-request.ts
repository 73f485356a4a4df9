// One tagged attempt: the request carries its id in the query, so the path the backend sees carries it too.
import type { RequestExpectation } from '../../scenario/scenario-types.ts';
import type { ProbeRequest } from '../send-request.ts';
import { withRequestId } from './request-id.ts';

export function tagRequest(request: ProbeRequest, expect: RequestExpectation, id: string): { request: ProbeRequest; expect: RequestExpectation } {
  const path = expect.backend?.path;
  return {
    request: { ...request, path: withRequestId(request.path, id) },
    expect: path === undefined || !expect.backend ? expect : { ...expect, backend: { ...expect.backend, path: withRequestId(path, id) } },
  };
}
