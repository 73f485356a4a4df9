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
});
