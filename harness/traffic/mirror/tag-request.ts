// One tagged attempt: the request carries a value in a query parameter (its mirror id, or a fresh value of a
// case's uniqueQueryParam), so the path the backend sees carries it too and a backend.path expectation is
// extended the same way.
import type { RequestExpectation } from '../../scenario/scenario-types.ts';
import type { ProbeRequest } from '../send-request.ts';
import { REQUEST_ID_PARAM, withQueryParam } from './request-id.ts';

export interface TaggedRequest {
  request: ProbeRequest;
  expect: RequestExpectation;
}

export function tagRequest(request: ProbeRequest, expect: RequestExpectation, value: string, param = REQUEST_ID_PARAM): TaggedRequest {
  const path = expect.backend?.path;
  return {
    request: { ...request, path: withQueryParam(request.path, param, value) },
    expect: path === undefined || !expect.backend ? expect : { ...expect, backend: { ...expect.backend, path: withQueryParam(path, param, value) } },
  };
}
