// The answer to a request Node's HTTP parser (llhttp) refused, as RFC 9112 and RFC 9110 name it: a head
// larger than Node's limit (request line or header fields) is 431, a well-formed request line with a method
// llhttp does not know is 501 (RFC 9110 section 9.1), a request not complete within the client limits
// (Node's headers and request timeouts) is 408, anything else is 400. The connection is closed
// after it: once the framing is in doubt, nothing after it on that connection can be trusted.

/** A token-shaped method, a target, and an HTTP/1.x version: a request line llhttp refused only for its method. */
const REQUEST_LINE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+ [^ \r\n]+ HTTP\/1\.[01]\r\n/;

const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large', 501: 'Not Implemented' };

/** The status for one of Node's client errors (`code` HPE_* or a timeout's; `rawPacket` what was being parsed). */
export function clientErrorStatus(error: { code?: string; rawPacket?: Buffer }): number {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 431;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  if (error.code === 'HPE_INVALID_METHOD' && error.rawPacket !== undefined) {
    return REQUEST_LINE.test(error.rawPacket.subarray(0, 8192).toString('latin1')) ? 501 : 400;
  }
  return 400;
}

/** The raw HTTP/1.1 answer (status line, closing headers, no body) for a status of clientErrorStatus. */
export function clientErrorAnswer(status: number): string {
  return `HTTP/1.1 ${status} ${REASONS[status] ?? 'Bad Request'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`;
}
