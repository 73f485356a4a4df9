import assert from 'node:assert/strict';
import { MalformedResponseError } from '../../../reference-impl/proxy/upstream/http1-client/client-errors.ts';
import type { ResponseHead } from '../../../reference-impl/proxy/upstream/http1-client/response-head.ts';
import { ResponseParser, type ResponseSink } from '../../../reference-impl/proxy/upstream/http1-client/response-parser.ts';

/** Records the parser's events as lines, body bytes joined, so two runs can be compared. */
class Recorder implements ResponseSink {
  events: string[] = [];
  body = '';
  onInformational(head: ResponseHead): void {
    this.events.push(`info ${head.status} ${head.headers.join('|')}`);
  }
  onHead(head: ResponseHead): void {
    this.events.push(`head ${head.status} ${head.reason} ${head.headers.join('|')} keepAlive=${head.keepAlive}`);
  }
  onBody(chunk: Buffer): void {
    this.body += chunk.toString('latin1');
  }
  onTrailers(trailers: string[]): void {
    this.events.push(`trailers ${trailers.join('|')}`);
  }
  onComplete(extraBytes: boolean): void {
    this.events.push(`complete extra=${extraBytes} body=${this.body}`);
  }
}

function parse(pieces: string[], options: { head?: boolean; close?: boolean } = {}): Recorder {
  const recorder = new Recorder();
  const parser = new ResponseParser(recorder, 'backend:80');
  parser.start(options.head === true);
  for (const piece of pieces) parser.execute(Buffer.from(piece, 'latin1'));
  if (options.close) {
    const error = parser.finish();
    if (error !== undefined) recorder.events.push(`closed ${error.code}`);
  }
  return recorder;
}

const CASES: Record<string, { response: string; head?: boolean; close?: boolean; events: string[] }> = {
  'Content-Length': {
    response: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello',
    events: ['head 200 OK Content-Type|text/plain|Content-Length|5 keepAlive=true', 'complete extra=false body=hello'],
  },
  'chunked with an extension and trailers': {
    response: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: x-sum\r\n\r\n5;name=v\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\nHost: no\r\n\r\n',
    events: ['head 200 OK  keepAlive=true', 'trailers X-Sum|42', 'complete extra=false body=hello world'],
  },
  '1xx answers before the final one': {
    response: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok',
    events: ['info 100 ', 'info 103 Link|</a.css>; rel=preload', 'head 201 Created Content-Length|2 keepAlive=true', 'complete extra=false body=ok'],
  },
  'HEAD with a Content-Length': {
    response: 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n',
    head: true,
    events: ['head 200 OK Content-Length|1234 keepAlive=true', 'complete extra=false body='],
  },
  '204 and 304 have no body': {
    response: 'HTTP/1.1 304 Not Modified\r\nETag: "x"\r\nContent-Length: 99\r\n\r\n',
    events: ['head 304 Not Modified ETag|"x"|Content-Length|99 keepAlive=true', 'complete extra=false body='],
  },
  'a close-delimited body, and Connection: close': {
    response: 'HTTP/1.1 200 OK\r\nConnection: close, x-private\r\nX-Private: 1\r\nX-Public: 2\r\n\r\nuntil the end',
    close: true,
    events: ['head 200 OK X-Public|2 keepAlive=false', 'complete extra=false body=until the end'],
  },
  'HTTP/1.0 without keep-alive, and a status line without a reason': {
    response: 'HTTP/1.0 200\r\nContent-Length: 0\r\n\r\n',
    events: ['head 200  Content-Length|0 keepAlive=false', 'complete extra=false body='],
  },
  'a connection closed mid-body': {
    response: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf',
    close: true,
    events: ['head 200 OK Content-Length|10 keepAlive=true', 'closed PROXY_UPSTREAM_CLOSED'],
  },
};

describe('upstream HTTP/1.1 response parser', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: the same events whole and split at every byte boundary`, () => {
      const options = { ...(c.head ? { head: true } : {}), ...(c.close ? { close: true } : {}) };
      assert.deepEqual(parse([c.response], options).events, c.events);
      for (let at = 1; at < c.response.length; at++) {
        assert.deepEqual(parse([c.response.slice(0, at), c.response.slice(at)], options).events, c.events, `split at byte ${at}`);
      }
      assert.deepEqual(parse([...c.response], options).events, c.events, 'one byte at a time');
    });
  }

  it('says when the backend sent bytes after the end of a response', () => {
    const events = parse(['HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n']).events;
    assert.deepEqual(events.at(-1), 'complete extra=true body=ok');
  });

  const MALFORMED: Record<string, string> = {
    'no status line': 'hello\r\n\r\n',
    'HTTP/2 in a status line': 'HTTP/2.0 200 OK\r\n\r\n',
    'a two-digit status': 'HTTP/1.1 20 OK\r\n\r\n',
    'obsolete line folding': 'HTTP/1.1 200 OK\r\nX-A: 1\r\n continued\r\nContent-Length: 0\r\n\r\n',
    'a space before the colon': 'HTTP/1.1 200 OK\r\nX-A : 1\r\nContent-Length: 0\r\n\r\n',
    'a bare LF in the head': 'HTTP/1.1 200 OK\r\nX-A: 1\nX-B: 2\r\nContent-Length: 0\r\n\r\n',
    'Content-Length with Transfer-Encoding': 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'differing lengths': 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
    'a signed length': 'HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello',
    'a transfer coding other than chunked': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
    'a chunk size that is not hex': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
    'chunk data longer than its size': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n',
    'an overflowing chunk size': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n',
    '101 to a request without Upgrade': 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n',
  };
  for (const [name, response] of Object.entries(MALFORMED)) {
    it(`refuses ${name}`, () => {
      assert.throws(() => parse([response]), MalformedResponseError);
    });
  }

  it('refuses a head that never ends within the limit', () => {
    const huge = `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70 * 1024)}`;
    assert.throws(() => parse([huge]), /response head over/);
  });
});
