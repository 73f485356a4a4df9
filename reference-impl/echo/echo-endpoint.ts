// The echo endpoint every listener ends in: log the request, wait for `?delay=` if asked, then answer with
// the JSON description of the request and the response headers X-Echo-Set-Header asked for.

import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { describeRequest, type EchoContext, type EchoRequest, goStyleJson } from './echo-answer.ts';
import { requestedResponseHeaders } from './echo-set-header.ts';
import { parseGoDurationMs } from './go-duration.ts';
import { type PauseSchedule, pauseRemainingMs } from './pause-schedule.ts';
import { type EchoListener, type RequestLogger, requestLogEntry } from './request-log.ts';

export type EchoResponse = ServerResponse | Http2ServerResponse;

export interface EchoEndpointOptions {
  context: EchoContext;
  /** Reported as `httpPort` in every answer. */
  httpPort: string;
  listener: EchoListener;
  onRequest?: RequestLogger | undefined;
  /** Pauses on a schedule (pause-schedule.ts): a request arriving during one waits for its end. */
  pause?: PauseSchedule | undefined;
}

// setTimeout treats anything longer as 1 ms; a longer delay waits this long instead.
const MAX_TIMER_MS = 2 ** 31 - 1;

export function echoRequest(req: EchoRequest, res: EchoResponse, options: EchoEndpointOptions): void {
  // Logged on arrival, as upstream does: a mirrored copy counts even if its answer is never read.
  options.onRequest?.(requestLogEntry(req, options.listener, options.context));
  // The request body is not echoed; drain it so the connection stays reusable.
  req.resume();
  const echo = () => waitForQueryDuration(req, res, 'delay', () => answer(req, res, options));
  const pausedMs = pauseRemainingMs(options.pause, Date.now());
  if (pausedMs > 0) setTimeout(echo, pausedMs);
  else echo();
}

/** Waits for the Go duration in query parameter `name` (none: at once), then runs `then`; a bad duration is a 500. */
export function waitForQueryDuration(req: EchoRequest, res: EchoResponse, name: string, then: () => void): void {
  const text = new URL(req.url ?? '/', 'http://echo.invalid').searchParams.get(name);
  if (text === null || text === '') {
    then();
    return;
  }
  let delayMs: number;
  try {
    delayMs = parseGoDurationMs(text);
  } catch (error) {
    sendJsonError(res, 500, (error as Error).message);
    return;
  }
  setTimeout(then, Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
}

function answer(req: EchoRequest, res: EchoResponse, options: EchoEndpointOptions): void {
  if (res.destroyed) return;
  const body = describeRequest(req, options.httpPort, options.context);
  for (const [name, value] of requestedResponseHeaders(headerValues(req, 'x-echo-set-header'))) {
    try {
      res.setHeader(name, value);
    } catch {
      // A name or value Node refuses to send is dropped rather than failing the whole answer.
    }
  }
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(goStyleJson(body));
}

/** Every value of a header, one per header line received. */
function headerValues(req: EchoRequest, lowerCaseName: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() === lowerCaseName) values.push(req.rawHeaders[i + 1] ?? '');
  }
  return values;
}

/** Upstream's error answer: `{"message": ...}` as JSON. */
export function sendJsonError(res: EchoResponse, status: number, message: string): void {
  respond(res, status, { 'Content-Type': 'application/json', 'X-Content-Type-Options': 'nosniff' }, goStyleJson({ message }, 0));
}

/** Ends `res` with a status, headers and a body; HTTP/1 and HTTP/2 responses alike. */
export function respond(res: EchoResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  if (res.destroyed || res.headersSent) return;
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}
