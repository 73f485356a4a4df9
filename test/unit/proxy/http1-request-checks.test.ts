import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { clientErrorStatus } from '../../../reference-impl/proxy/listeners/client-error-answer.ts';
import { http1RequestRefusal, MAX_REQUEST_HEADERS } from '../../../reference-impl/proxy/listeners/http1-request-checks.ts';

function request(rawHeaders: string[], version = '1.1'): IncomingMessage {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[(rawHeaders[i] as string).toLowerCase()] ??= rawHeaders[i + 1] as string;
  const [major, minor] = version.split('.').map(Number);
  return { httpVersionMajor: major, httpVersionMinor: minor, rawHeaders, headers } as unknown as IncomingMessage;
}

describe('HTTP/1 request checks', () => {
  it('serves an ordinary request, chunked in any case', () => {
    assert.equal(http1RequestRefusal(request(['Host', 'a', 'Transfer-Encoding', 'Chunked'])), undefined);
    assert.equal(http1RequestRefusal(request(['Host', 'a'], '1.0')), undefined);
  });

  it('refuses what llhttp lets through', () => {
    assert.equal(http1RequestRefusal(request(['Host', 'a'], '2.0'))?.status, 505);
    assert.equal(http1RequestRefusal(request([], '0.9'))?.status, 505);
    assert.equal(http1RequestRefusal(request(['Host', 'a', 'HOST', 'b']))?.status, 400);
    assert.equal(http1RequestRefusal(request(['Host', 'a', 'Transfer-Encoding', 'chunked'], '1.0'))?.status, 400);
    assert.equal(http1RequestRefusal(request(['Host', 'a', 'Transfer-Encoding', 'gzip, chunked']))?.status, 501);
    assert.equal(http1RequestRefusal(request(['Host', 'a', 'Transfer-Encoding', 'gzip']))?.status, 400);
    const many = Array.from({ length: MAX_REQUEST_HEADERS }, (_, i) => [`x-${i}`, 'v']).flat();
    assert.equal(http1RequestRefusal(request(many)), undefined, 'the limit itself is allowed');
    assert.equal(http1RequestRefusal(request([...many, 'x-last', 'v']))?.status, 431);
  });

  it("maps Node's parser errors and timeouts to 431, 501, 408 or 400", () => {
    assert.equal(clientErrorStatus({ code: 'HPE_HEADER_OVERFLOW' }), 431);
    assert.equal(clientErrorStatus({ code: 'ERR_HTTP_REQUEST_TIMEOUT' }), 408);
    assert.equal(clientErrorStatus({ code: 'HPE_INVALID_METHOD', rawPacket: Buffer.from('BREW /pot HTTP/1.1\r\nHost: a\r\n\r\n') }), 501);
    assert.equal(clientErrorStatus({ code: 'HPE_INVALID_METHOD', rawPacket: Buffer.from('NOT-HTTP\r\n\r\n') }), 400);
    assert.equal(clientErrorStatus({ code: 'HPE_INVALID_CONTENT_LENGTH' }), 400);
  });
});
