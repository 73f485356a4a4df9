import assert from 'node:assert/strict';
import { classifyUpstreamFailure } from '../../../reference-impl/proxy/upstream/upstream-failure.ts';

const withCode = (code: string): Error => Object.assign(new Error(code), { code });

describe('classifyUpstreamFailure', () => {
  it('maps connect failures to 503, timeouts to 504, other failures to 502, naming the upstream', () => {
    assert.deepEqual(classifyUpstreamFailure(withCode('ECONNREFUSED'), '127.0.0.1:9'), {
      status: 503,
      message: 'upstream connect error: 127.0.0.1:9 (ECONNREFUSED)',
    });
    assert.equal(classifyUpstreamFailure(withCode('UND_ERR_CONNECT_TIMEOUT'), 'x').status, 503);
    assert.equal(classifyUpstreamFailure(withCode('UND_ERR_HEADERS_TIMEOUT'), 'x').status, 504);
    assert.equal(classifyUpstreamFailure(withCode('UND_ERR_SOCKET'), 'x').status, 502);
    assert.equal(classifyUpstreamFailure('not an error', 'x').status, 502);
  });

  it('classifies the codes of the cleartext client the same way: connect 503, timeouts 504, broken answers 502', () => {
    const statuses = Object.fromEntries(
      [
        'PROXY_UPSTREAM_CONNECT_TIMEOUT',
        'PROXY_UPSTREAM_POOL_CLOSED',
        'PROXY_UPSTREAM_HEADERS_TIMEOUT',
        'PROXY_UPSTREAM_BODY_TIMEOUT',
        'PROXY_UPSTREAM_CLOSED',
        'PROXY_UPSTREAM_MALFORMED_RESPONSE',
        'PROXY_UPSTREAM_REQUEST_BODY',
      ].map((code) => [code, classifyUpstreamFailure(withCode(code), 'x').status]),
    );
    assert.deepEqual(statuses, {
      PROXY_UPSTREAM_CONNECT_TIMEOUT: 503,
      PROXY_UPSTREAM_POOL_CLOSED: 503,
      PROXY_UPSTREAM_HEADERS_TIMEOUT: 504,
      PROXY_UPSTREAM_BODY_TIMEOUT: 504,
      PROXY_UPSTREAM_CLOSED: 502,
      PROXY_UPSTREAM_MALFORMED_RESPONSE: 502,
      PROXY_UPSTREAM_REQUEST_BODY: 502,
    });
  });
});
