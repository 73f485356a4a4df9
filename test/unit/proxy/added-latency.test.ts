import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AddedLatencyError, addedLatencyOf, withAddedLatency } from '../../../reference-impl/proxy/added-latency.ts';
import type { RequestHandler } from '../../../reference-impl/proxy/handle-request.ts';
import type { Router } from '../../../reference-impl/proxy/router/compile-router.ts';

describe('the proxy’s deliberate added latency (slow-proxy deviation)', () => {
  it('reads ADDED_LATENCY_MS: unset or empty is none, a bad value is refused', () => {
    assert.equal(addedLatencyOf(undefined), 0);
    assert.equal(addedLatencyOf(' '), 0);
    assert.equal(addedLatencyOf('15'), 15);
    for (const bad of ['-1', '1.5', 'fast', '20000']) assert.throws(() => addedLatencyOf(bad), AddedLatencyError, bad);
  });

  it('hands the handler over unchanged at 0, and holds each request the time given otherwise', async () => {
    const calls: number[] = [];
    const handler: RequestHandler = () => calls.push(performance.now());
    assert.equal(withAddedLatency(handler, 0), handler);
    const delayed = withAddedLatency(handler, 40);
    const sentAt = performance.now();
    delayed({} as IncomingMessage, {} as ServerResponse, {} as Router);
    assert.equal(calls.length, 0, 'not handled at once');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(calls.length, 1);
    assert.ok((calls[0] ?? 0) - sentAt >= 39, `handled after ${(calls[0] ?? 0) - sentAt} ms`);
  });
});
