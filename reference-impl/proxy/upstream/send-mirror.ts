// Sends one RequestMirror copy and forgets it: the copy goes to a single endpoint of the mirror
// backend, its answer is read and dropped, and whatever happens to it (no endpoint, refused,
// slow, cut off) never reaches the client's exchange; failures are only logged, rate-limited.

import type { Readable } from 'node:stream';
import type { BackendChooser } from '../backend/choose-backend.ts';
import type { MirrorCopy } from '../filters/apply-chain.ts';
import { type Attempt, type AttemptListener, transportOf, type UpstreamProtocol, type UpstreamTransport } from './upstream-attempt.ts';
import type { UpstreamErrorReport } from './upstream-error-log.ts';

export interface MirrorDeps {
  chooser: Pick<BackendChooser, 'endpointOf'>;
  transports: Record<UpstreamProtocol, UpstreamTransport>;
  /** A mirror still running after this long is cut off (it holds an upstream connection). */
  timeoutMs: number;
  report: (report: UpstreamErrorReport) => void;
}

class MirrorTimeoutError extends Error {
  readonly code = 'PROXY_MIRROR_TIMEOUT';
  constructor(timeoutMs: number) {
    super(`mirror copy not answered within ${timeoutMs} ms; cut off`);
    this.name = 'MirrorTimeoutError';
  }
}

class MirrorNoEndpointError extends Error {
  readonly code = 'PROXY_MIRROR_NO_ENDPOINT';
  constructor(reason: string) {
    super(`no copy sent: ${reason}`);
    this.name = 'MirrorNoEndpointError';
  }
}

/** Drops the answer; reports a failure once. */
class MirrorListener implements AttemptListener {
  readonly #done: (error: Error | undefined) => void;
  constructor(done: (error: Error | undefined) => void) {
    this.#done = done;
  }
  onStart(): void {}
  onData(): boolean {
    return true;
  }
  onEnd(): void {
    this.#done(undefined);
  }
  onError(error: Error): void {
    this.#done(error);
  }
}

export function sendMirror(copy: MirrorCopy, body: Buffer | Readable | null, ruleId: string, deps: MirrorDeps): void {
  const fail = (error: Error): void => deps.report({ ruleId, upstream: copy.backend.name, status: 0, error, mirror: true });
  const choice = deps.chooser.endpointOf(copy.backend);
  if (choice.kind === 'error') {
    // The body copy is not read by anyone: release it.
    if (body !== null && !Buffer.isBuffer(body)) body.destroy();
    fail(new MirrorNoEndpointError(choice.reason));
    return;
  }
  // The listener may hear back before start() returns: the timer lives in a holder, not a `let`.
  const running: { timer?: NodeJS.Timeout; attempt?: Attempt } = {};
  const listener = new MirrorListener((error) => {
    clearTimeout(running.timer);
    if (error !== undefined) fail(error);
  });
  const transport = deps.transports[transportOf(copy.backend.protocol)];
  running.attempt = transport.start(
    choice.endpoint,
    { method: copy.method, target: copy.target, headers: copy.headers, body, headersTimeoutMs: deps.timeoutMs, bodyTimeoutMs: deps.timeoutMs },
    listener,
    copy.backend.tls,
  );
  running.timer = setTimeout(() => running.attempt?.abort(new MirrorTimeoutError(deps.timeoutMs)), deps.timeoutMs);
  running.timer.unref();
}
