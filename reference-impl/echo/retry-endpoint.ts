// `/retry/...?uuid=U&succeedAfter=N[&responseCode=C][&delayRetry=D]`: upstream's flaky backend for the
// HTTPRouteRetry test. The first N requests with uuid U fail, after waiting D if given: with status C when
// given, else by resetting the TCP connection (the client sees a reset, not a response). Later ones are
// echoed as usual.

import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { EchoRequest } from './echo-answer.ts';
import { type EchoResponse, respond, sendJsonError, waitForQueryDuration } from './echo-endpoint.ts';
import { answerWithStatus, parseGoInt } from './go-status.ts';
import type { RetrySimulation } from './retry-simulation.ts';

export function handleRetry(req: EchoRequest, res: EchoResponse, simulation: RetrySimulation, echo: () => void): void {
  const query = new URL(req.url ?? '/', 'http://echo.invalid').searchParams;
  const uuid = query.get('uuid') ?? '';
  if (uuid === '') {
    answerWithText(res, 400, 'uuid is required');
    return;
  }
  const succeedAfter = parseGoInt(query.get('succeedAfter'));
  if (succeedAfter === undefined) {
    answerWithText(res, 400, 'succeedAfter is required');
    return;
  }
  if (!simulation.shouldFail(uuid, succeedAfter)) {
    echo();
    return;
  }
  req.resume();
  const responseCode = parseGoInt(query.get('responseCode'));
  waitForQueryDuration(req, res, 'delayRetry', () => {
    if (responseCode !== undefined) answerWithStatus(res, responseCode);
    else abortConnection(req, res);
  });
}

function abortConnection(req: EchoRequest, res: EchoResponse): void {
  if (req.httpVersionMajor === 2) {
    // Upstream cannot take over an HTTP/2 connection and answers this error instead.
    sendJsonError(res, 500, 'response writer does not support hijacking');
    return;
  }
  const socket = (res as ServerResponse).socket as (Socket & { encrypted?: boolean }) | null;
  // An RST needs the TCP socket itself; over TLS upstream closes the connection instead.
  if (socket?.encrypted) socket.destroy();
  else socket?.resetAndDestroy();
}

function answerWithText(res: EchoResponse, status: number, text: string): void {
  respond(res, status, { 'Content-Type': 'text/plain; charset=utf-8' }, text);
}
