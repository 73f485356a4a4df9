import assert from 'node:assert/strict';
import { checkExpectation } from '../../../harness/traffic/expectation.ts';
import type { ProbeResponse } from '../../../harness/traffic/send-request.ts';

function echoResponse(overrides: Partial<NonNullable<ProbeResponse['echo']>> = {}, status = 200): ProbeResponse {
  const echo = {
    path: '/one',
    host: 'exact.example.com',
    method: 'GET',
    proto: 'HTTP/1.1',
    headers: { Version: ['one'], 'X-Forwarded-For': ['127.0.0.1'] },
    namespace: 'gateway-conformance-infra',
    ingress: '',
    service: '',
    pod: 'infra-backend-v1-7f9c-abcde',
    ...overrides,
  };
  return { status, headers: {}, body: JSON.stringify(echo), echo };
}

describe('checkExpectation', () => {
  it('holds when every stated field matches', () => {
    const expect = { status: 200, backend: 'infra-backend-v1', namespace: 'gateway-conformance-infra', path: '/one', host: 'exact.example.com', headers: { version: 'one' }, absentHeaders: ['color'] };
    assert.deepEqual(checkExpectation(expect, echoResponse()), []);
  });

  it('says status and backend differences as expected-versus-got lines', () => {
    const got = checkExpectation({ status: 200, backend: 'infra-backend-v1' }, echoResponse({ pod: 'infra-backend-v2-7f9c-abcde' }, 201));
    assert.deepEqual(
      got.map((item) => item.text),
      ['status: expected 200, got 201', 'backend: expected infra-backend-v1, got infra-backend-v2 (pod infra-backend-v2-7f9c-abcde)'],
    );
  });

  it('does not let a backend name match a longer one that starts with it', () => {
    const got = checkExpectation({ status: 200, backend: 'infra-backend-v1' }, echoResponse({ pod: 'infra-backend-v10-1-2' }));
    assert.equal(got[0]?.field, 'backend');
  });

  it('accepts the service name the echo reports as the backend', () => {
    assert.deepEqual(checkExpectation({ status: 200, backend: 'web-backend' }, echoResponse({ service: 'web-backend', pod: 'x' })), []);
  });

  it('checks headers case-insensitively, present with value and absent', () => {
    const got = checkExpectation({ status: 200, headers: { VERSION: 'two', color: 'red' }, absentHeaders: ['x-forwarded-for'] }, echoResponse());
    assert.deepEqual(
      got.map((item) => item.text),
      ['header VERSION: expected "two", got "one"', 'header color: expected "red", got (absent)', 'header x-forwarded-for: expected (absent), got "127.0.0.1"'],
    );
  });

  it('reports namespace, path and host differences', () => {
    const got = checkExpectation({ status: 200, namespace: 'other', path: '/two', host: 'a.example.com' }, echoResponse());
    assert.deepEqual(
      got.map((item) => item.field),
      ['namespace', 'path', 'host'],
    );
  });

  it('asks for an echo body when the expectation needs one and the response has none', () => {
    const got = checkExpectation({ status: 200, backend: 'infra-backend-v1' }, { status: 404, headers: {}, body: 'route not found\n' });
    assert.deepEqual(
      got.map((item) => item.text),
      ['status: expected 200, got 404', 'body: expected an echo backend JSON body, got "route not found "'],
    );
  });

  it('needs no body when only the status is expected', () => {
    assert.deepEqual(checkExpectation({ status: 404 }, { status: 404, headers: {}, body: '' }), []);
  });
});
