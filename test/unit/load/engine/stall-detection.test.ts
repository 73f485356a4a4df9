// Scenario 8 of the load issue, kept as a test of the engine: a backend that pauses 200 ms once a second
// shows in the open model's p99 (latency counted from each request's intended send time), while a
// closed-model run against the same backend hides it (coordinated omission: the stalled connections
// simply send less).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runEngine } from '../../../../harness/load/engine/run-engine.ts';

const STALL_MS = 200;

/** Answers at once, except during the first 200 ms of every second, when answers wait for the stall to end. */
async function startStallingServer(): Promise<{ server: Server; target: { host: string; port: number } }> {
  const origin = performance.now();
  const server = createServer((_request, response) => {
    const intoSecond = (performance.now() - origin) % 1000;
    const answer = () => response.end('ok');
    if (intoSecond < STALL_MS) setTimeout(answer, STALL_MS - intoSecond);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, target: { host: '127.0.0.1', port: (server.address() as AddressInfo).port } };
}

describe('stall detection (open vs closed model)', function () {
  this.timeout(30_000);

  it('shows a 200 ms stall once a second in the open-model p99 and hides it in the closed model', async () => {
    const { server, target } = await startStallingServer();
    try {
      const open = await runEngine({ target, requests: [{ path: '/' }], model: 'open', rate: 200, connections: 64, durationSeconds: 3, workers: 1 });
      const closed = await runEngine({ target, requests: [{ path: '/' }], model: 'closed', connections: 2, durationSeconds: 3, workers: 1 });
      const openP99 = open.latency.getValueAtPercentile(99) / 1000;
      const closedP99 = closed.latency.getValueAtPercentile(99) / 1000;
      // A fifth of the arrivals fall in a stall and wait up to 200 ms: the p99 is near the whole stall.
      assert.ok(openP99 >= 150, `open-model p99 ${openP99} ms should show the 200 ms stall`);
      // The closed model's two connections record one slow request each per stall among thousands of fast ones.
      assert.ok(closedP99 < 100, `closed-model p99 ${closedP99} ms should hide the stall`);
      assert.ok(closed.latency.maxValue / 1000 >= 100, 'the closed model did meet the stall (its max shows it)');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
