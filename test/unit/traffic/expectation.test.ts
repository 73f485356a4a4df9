import assert from 'node:assert/strict';
import type { RequestExpectation } from '../../../harness/scenario/scenario-types.ts';
import { checkExpectation, expectStatus, type RedirectContext } from '../../../harness/traffic/expectation.ts';
import type { ProbeResponse } from '../../../harness/traffic/send-request.ts';

function echoResponse(overrides: Partial<NonNullable<ProbeResponse['echo']>> = {}, status = 200): ProbeResponse {
  const echo = {
    path: '/one?x=1',
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
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(echo), echo, elapsedMs: 5 };
}

const context: RedirectContext = { scheme: 'http', host: 'redirect.example.com', listenerPort: 80, path: '/old?q=1' };
const expecting = (fields: Partial<RequestExpectation>): RequestExpectation => ({ ...expectStatus(200), ...fields });
const texts = (expect: RequestExpectation, response: ProbeResponse) => checkExpectation(expect, response, context).map((item) => item.text);

describe('checkExpectation: response and backend', () => {
  it('holds when every stated field matches', () => {
    const backend = { name: 'infra-backend-v1', namespace: 'gateway-conformance-infra', method: 'GET', path: '/one?x=1', host: 'exact.example.com', proto: 'HTTP/1.1', headers: { version: 'one' }, absentHeaders: ['color'] };
    assert.deepEqual(texts(expecting({ backend }), echoResponse()), []);
  });

  it('accepts any status of a list and says which were expected', () => {
    const expect = { ...expectStatus(200), response: { statuses: [301, 302], headers: {}, absentHeaders: [] } };
    assert.deepEqual(texts(expect, echoResponse({}, 302)), []);
    assert.deepEqual(texts(expect, echoResponse({}, 200)), ['status: expected 301 or 302, got 200']);
  });

  it('checks response headers apart from the headers the backend saw', () => {
    const expect = { ...expectStatus(200), response: { statuses: [200], headers: { 'Content-Type': ['application/json'], 'x-extra': ['a'] }, absentHeaders: ['content-type'] } };
    assert.deepEqual(texts(expect, echoResponse()), ['response header x-extra: expected "a", got (absent)', 'response header content-type: expected (absent), got "application/json"']);
  });

  it('says backend, method, path, host and protocol differences as expected-versus-got lines', () => {
    const backend = { name: 'infra-backend-v1', method: 'POST', path: '/one', host: 'a.example.com', namespace: 'other', proto: 'HTTP/2.0' };
    const got = texts(expecting({ backend }), echoResponse({ pod: 'infra-backend-v2-7f9c-abcde' }, 201));
    assert.deepEqual(got, [
      'status: expected 200, got 201',
      'backend: expected infra-backend-v1, got infra-backend-v2 (pod infra-backend-v2-7f9c-abcde)',
      'backend namespace: expected other, got gateway-conformance-infra',
      'backend method: expected POST, got GET',
      'backend path: expected "/one", got "/one?x=1"',
      'backend host: expected "a.example.com", got "exact.example.com"',
      'backend proto: expected HTTP/2.0, got HTTP/1.1',
    ]);
  });

  it('does not let a backend name match a longer one that starts with it, and accepts the Service name', () => {
    assert.match(texts(expecting({ backend: { name: 'infra-backend-v1' } }), echoResponse({ pod: 'infra-backend-v10-1-2' }))[0] ?? '', /^backend:/);
    assert.deepEqual(texts(expecting({ backend: { name: 'web-backend' } }), echoResponse({ service: 'web-backend', pod: 'x' })), []);
  });

  it('wants every value of a header received several times, joined by commas', () => {
    const echo = echoResponse({ headers: { 'X-Header-Add-Append': ['append-val-1', 'header-val-2'] } });
    assert.deepEqual(texts(expecting({ backend: { headers: { 'x-header-add-append': 'append-val-1,header-val-2' } } }), echo), []);
    assert.deepEqual(texts(expecting({ backend: { headers: { 'x-header-add-append': 'append-val-1' } } }), echo), ['backend header x-header-add-append: expected "append-val-1", got "append-val-1", "header-val-2"']);
  });

  it('checks backend headers case-insensitively, present with value and absent', () => {
    const got = texts(expecting({ backend: { headers: { VERSION: 'two', color: 'red' }, absentHeaders: ['x-forwarded-for'] } }), echoResponse());
    assert.deepEqual(got, ['backend header VERSION: expected "two", got "one"', 'backend header color: expected "red", got (absent)', 'backend header x-forwarded-for: expected (absent), got "127.0.0.1"']);
  });

  it('asks for an echo body when a backend expectation needs one, and needs none for a status alone', () => {
    const plain: ProbeResponse = { status: 404, headers: {}, body: 'route not found\n', elapsedMs: 1 };
    assert.deepEqual(texts(expecting({ backend: { name: 'infra-backend-v1' } }), plain), ['status: expected 200, got 404', 'body: expected an echo backend JSON body, got "route not found "']);
    assert.deepEqual(texts(expectStatus(404), plain), []);
  });
});

describe('checkExpectation: redirect', () => {
  const redirect = (location: string | undefined): ProbeResponse => ({ status: 302, headers: location === undefined ? {} : { location }, body: '', elapsedMs: 1 });
  const expect = (parts: RequestExpectation['redirect']) => ({ ...expectStatus(302), redirect: parts });

  it('defaults omitted parts to the request: scheme, Host, path without query, and the listener port', () => {
    assert.deepEqual(texts(expect({}), redirect('http://redirect.example.com/old')), []);
    assert.deepEqual(texts(expect({}), redirect('/old')), [], 'a relative Location resolves against the request');
    assert.deepEqual(texts(expect({}), redirect('http://redirect.example.com:8080/old')), ['redirect port: expected "80", got "8080" (Location "http://redirect.example.com:8080/old")']);
    assert.deepEqual(texts(expect({}), redirect('http://elsewhere.example.com/new')), [
      'redirect host: expected "redirect.example.com", got "elsewhere.example.com" (Location "http://elsewhere.example.com/new")',
      'redirect path: expected "/old", got "/new" (Location "http://elsewhere.example.com/new")',
    ]);
  });

  it("takes a scheme's well-known port for a Location without one, and for an omitted expected port", () => {
    assert.deepEqual(texts(expect({ scheme: 'https' }), redirect('https://redirect.example.com/old')), []);
    assert.deepEqual(texts(expect({ scheme: 'https', port: 443 }), redirect('https://redirect.example.com:443/old')), []);
    assert.deepEqual(texts(expect({ scheme: 'https' }), redirect('https://redirect.example.com:8443/old')), ['redirect port: expected "443", got "8443" (Location "https://redirect.example.com:8443/old")']);
    assert.deepEqual(texts(expect({ scheme: 'http', port: 8080, host: 'example.org', path: '/bar' }), redirect('http://example.org:8080/bar')), []);
  });

  it('compares the query too when the expected path has one, and says when there is no Location', () => {
    assert.deepEqual(texts(expect({ path: '/bar?x=1' }), redirect('http://redirect.example.com/bar?x=1')), []);
    assert.deepEqual(texts(expect({ path: '/bar?x=1' }), redirect('http://redirect.example.com/bar?x=2')), ['redirect path: expected "/bar?x=1", got "/bar?x=2" (Location "http://redirect.example.com/bar?x=2")']);
    assert.deepEqual(texts(expect({}), redirect(undefined)), ['redirect: expected a Location header, got (absent)']);
  });
});

describe('checkExpectation: timing', () => {
  it('fails a response later than within and one sooner than notBefore', () => {
    const slow = { ...echoResponse(), elapsedMs: 2500 };
    assert.deepEqual(texts(expecting({ timing: { withinMs: 2000 } }), slow), ['timing: expected a response within 2.00s, got one after 2.50s']);
    assert.deepEqual(texts(expecting({ timing: { notBeforeMs: 1000, withinMs: 3000 } }), slow), []);
    assert.deepEqual(texts(expecting({ timing: { notBeforeMs: 1000 } }), echoResponse()), ['timing: expected no response before 1.00s, got one after 5ms']);
  });
});
