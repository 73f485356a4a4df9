import assert from 'node:assert/strict';
import { Http1ResponseParser, ResponseProtocolError } from '../../../../harness/load/engine/http1-response-parser.ts';

type Seen = { status: number; body: string | undefined; keepAlive: boolean };

function parser(captureBytes = 64): { parser: Http1ResponseParser; seen: Seen[] } {
  const seen: Seen[] = [];
  const parsed = new Http1ResponseParser((status, body, keepAlive) => seen.push({ status, body: body?.toString(), keepAlive }), { captureBytes });
  return { parser: parsed, seen };
}

/** Feeds `text` split at every given offset, through one reused buffer holding stale bytes past each read. */
function feedInPieces(target: Http1ResponseParser, text: string, cuts: number[]): void {
  const bytes = Buffer.from(text, 'latin1');
  const shared = Buffer.alloc(4096, 'X');
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    bytes.copy(shared, 0, from, cut);
    target.feed(shared, 0, cut - from);
    from = cut;
  }
}

describe('Http1ResponseParser', () => {
  it('reads Content-Length bodies whatever the read boundaries, the head split too', () => {
    const response = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello';
    for (const cuts of [[], [3], [20, 47], [50]]) {
      const { parser: p, seen } = parser();
      p.expect({ noBody: false });
      feedInPieces(p, response, cuts);
      assert.deepEqual(seen, [{ status: 200, body: 'hello', keepAlive: true }], `cuts ${cuts.join(',')}`);
    }
  });

  it('reads chunked bodies with extensions and trailers, and skips 1xx interim answers', () => {
    const { parser: p, seen } = parser();
    p.expect({ noBody: false });
    feedInPieces(p, 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\ntransfer-encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: 1\r\n\r\n', [30, 70]);
    assert.deepEqual(seen, [{ status: 503, body: 'abcde', keepAlive: true }]);
  });

  it('honours Connection: close, HTTP/1.0, HEAD and read-until-close bodies', () => {
    const closing = parser();
    closing.parser.expect({ noBody: false });
    closing.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'), 0, 57);
    assert.deepEqual(closing.seen, [{ status: 200, body: '', keepAlive: false }]);
    const head = parser();
    head.parser.expect({ noBody: true });
    const headBytes = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n');
    head.parser.feed(headBytes, 0, headBytes.length);
    assert.deepEqual(head.seen, [{ status: 200, body: '', keepAlive: true }]);
    const untilClose = parser();
    untilClose.parser.expect({ noBody: false });
    const legacy = Buffer.from('HTTP/1.0 200 OK\r\n\r\nall of it');
    untilClose.parser.feed(legacy, 0, legacy.length);
    assert.equal(untilClose.seen.length, 0);
    untilClose.parser.closed();
    assert.deepEqual(untilClose.seen, [{ status: 200, body: 'all of it', keepAlive: false }]);
  });

  it('refuses malformed answers, bytes nobody asked for and answers cut short', () => {
    const bad = (text: string) => {
      const { parser: p } = parser();
      p.expect({ noBody: false });
      const bytes = Buffer.from(text);
      p.feed(bytes, 0, bytes.length);
    };
    assert.throws(() => bad('SMTP 220 hello\r\n\r\n'), ResponseProtocolError);
    assert.throws(() => bad('HTTP/1.1 2x0 OK\r\n\r\n'), /not three digits/);
    assert.throws(() => bad('HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n'), /Content-Length "1x" is not a number/);
    assert.throws(() => bad('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'), /bad chunk size/);
    const idle = parser();
    assert.throws(() => idle.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), 0, 19), /no request outstanding/);
    const cut = parser();
    cut.parser.expect({ noBody: false });
    const partial = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
    cut.parser.feed(partial, 0, partial.length);
    assert.throws(() => cut.parser.closed(), /closed before the response was complete/);
  });
});
