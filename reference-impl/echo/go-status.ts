// Answering with a status code taken from the request (`/status/NNN`, `?responseCode=`) the way Go's
// ResponseWriter.WriteHeader ends up on the wire, without letting Node throw on a code it refuses.

import { constants } from 'node:http2';
import { type EchoResponse, respond } from './echo-endpoint.ts';

/** Ends `res` with `code` and an empty body. */
export function answerWithStatus(res: EchoResponse, code: number): void {
  if (!Number.isInteger(code) || code < 100 || code > 999) {
    // Go panics on such a code and its server drops the connection (or, on HTTP/2, resets the stream).
    if ('stream' in res) res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    else res.socket?.destroy();
    return;
  }
  // Go sends a 1xx as an informational response and then, the handler having written nothing else, a 200.
  respond(res, Math.max(code, 200));
}

/** Go's strconv.Atoi: an optional sign and decimal digits; undefined where Go returns an error. */
export function parseGoInt(text: string | null): number | undefined {
  if (text === null || !/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
