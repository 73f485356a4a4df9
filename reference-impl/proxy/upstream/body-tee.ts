// Splits a request body between the main request and its mirrors while it streams: the main
// request's backpressure paces the client, and a mirror that cannot keep up (more than `lagLimit`
// bytes waiting for it) is cut off rather than buffered without bound or allowed to slow the main
// request down. Nothing is buffered for the main request beyond what its stream holds anyway.

import { PassThrough, type Readable } from 'node:stream';

export class MirrorTooSlowError extends Error {
  readonly code = 'PROXY_MIRROR_TOO_SLOW';
  constructor(lagLimit: number) {
    super(`mirror fell more than ${lagLimit} bytes behind the main request's body; the copy was dropped`);
    this.name = 'MirrorTooSlowError';
  }
}

export class SourceBodyAbortedError extends Error {
  readonly code = 'PROXY_CLIENT_BODY_ABORTED';
  constructor() {
    super('the request body ended before it was complete (client gone)');
    this.name = 'SourceBodyAbortedError';
  }
}

export function teeBody(source: Readable, count: number, lagLimit: number): { main: PassThrough; copies: PassThrough[] } {
  const main = new PassThrough();
  const copies = Array.from({ length: count }, () => new PassThrough());
  let ended = false;
  source.on('data', (chunk: Buffer) => {
    for (const copy of copies) {
      if (copy.destroyed) continue;
      if (copy.writableLength + chunk.length > lagLimit) copy.destroy(new MirrorTooSlowError(lagLimit));
      else copy.write(chunk);
    }
    if (!main.write(chunk)) {
      source.pause();
      main.once('drain', () => source.resume());
    }
  });
  source.once('end', () => {
    ended = true;
    main.end();
    for (const copy of copies) if (!copy.destroyed) copy.end();
  });
  source.once('close', () => {
    if (ended) return;
    const error = new SourceBodyAbortedError();
    main.destroy(error);
    for (const copy of copies) copy.destroy(error);
  });
  // Whoever reads these learns of a failure by its own means (the attempt ends, the client's answer
  // closes); an unheard 'error' event must not take the process down.
  main.on('error', () => {});
  for (const copy of copies) copy.on('error', () => {});
  return { main, copies };
}
