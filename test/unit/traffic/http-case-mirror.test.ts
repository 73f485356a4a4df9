import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { MirrorExpectation, RequestCase, SentRequestOf } from '../../../harness/scenario/scenario-types.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { runHttpCase } from '../../../harness/traffic/http-case.ts';
import { type FakeEcho, seededRandom, startFakeEcho } from './fake-echo-server.ts';
import { type FakePodLogs, fakePodLogs } from './fake-pod-logs.ts';

const ns = 'gateway-conformance-infra';
const pods = { v1: 'infra-backend-v1-5d9f7c6b8-aaaaa', v2: 'infra-backend-v2-5d9f7c6b8-bbbbb', v3: 'infra-backend-v3-5d9f7c6b8-ccccc' };
const wait = { waitMs: 400, intervalMs: 20 };

function mirrorCase(mirroredTo: MirrorExpectation[], samples = 500): RequestCase<SentRequestOf<'http'>> {
  const expect = { ...expectStatus(200), backend: { name: 'infra-backend-v1', path: '/mirror' }, mirroredTo };
  return { name: 'mirror', gateway: { namespace: ns, name: 'gw' }, port: 80, request: { protocol: 'http', method: 'GET', path: '/mirror' }, expect, samples, source: { file: 'scenario.yaml', line: 3 } };
}

/** A fake gateway: v1 answers every request (and logs it); `mirror` decides which pods log a copy. */
async function gateway(logs: FakePodLogs, mirror: (request: IncomingMessage) => string[]): Promise<FakeEcho> {
  return startFakeEcho((request) => {
    logs.logRequest(pods.v1, request.url ?? '/');
    for (const pod of mirror(request)) logs.logRequest(pod, request.url ?? '/', 30);
    return { pod: pods.v1, service: 'infra-backend-v1', namespace: ns };
  });
}

async function run(mirror: (request: IncomingMessage) => string[], mirroredTo: MirrorExpectation[], format: 'json' | 'upstream' = 'json') {
  const logs = fakePodLogs(ns, Object.values(pods), format);
  const echo = await gateway(logs, mirror);
  try {
    const outcome = await runHttpCase(echo.target, mirrorCase(mirroredTo), { trafficMs: 1500, podLogs: logs, mirrorWait: wait });
    return { outcome, requests: echo.requests };
  } finally {
    await echo.close();
  }
}

describe('runHttpCase with mirroredTo', () => {
  it('passes when every request of the streak reaches the mirror, even logged after the response', async () => {
    const { outcome, requests } = await run(() => [pods.v2], [{ backend: 'infra-backend-v2', namespace: ns }]);
    assert.deepEqual(outcome.mismatches, []);
    assert.equal(outcome.satisfied, true);
    assert.equal(requests, 3);
  });

  it('reads upstream echo-basic text lines as well', async () => {
    const { outcome } = await run(() => [pods.v2], [{ backend: 'infra-backend-v2', namespace: ns }], 'upstream');
    assert.equal(outcome.satisfied, true, JSON.stringify(outcome.mismatches));
  });

  it('fails when the mirror gets no copy, saying how many it got', async () => {
    const { outcome } = await run(() => [], [{ backend: 'infra-backend-v2', namespace: ns }]);
    assert.equal(outcome.satisfied, false);
    assert.deepEqual(
      outcome.mismatches.map((item) => item.text),
      [`mirror ${ns}/infra-backend-v2: expected a copy of each of 3 requests, got 0`],
    );
  });

  it('fails when a backend outside mirroredTo gets copies too', async () => {
    const { outcome } = await run(() => [pods.v2, pods.v3], [{ backend: 'infra-backend-v2', namespace: ns }]);
    assert.equal(outcome.satisfied, false);
    assert.equal(outcome.mismatches[0]?.text, `mirror at ${ns}/${pods.v3}: expected no copy (not in mirroredTo), got 3 copies`);
  });
});

describe('runHttpCase with mirroredTo percentages', function () {
  this.timeout(20_000);

  it('passes a gateway that mirrors 35% when 35% is expected, over 500 samples', async () => {
    const random = seededRandom(3);
    const { outcome, requests } = await run(() => (random() < 0.35 ? [pods.v2] : []), [{ backend: 'infra-backend-v2', namespace: ns, percent: 35 }]);
    assert.deepEqual(outcome.mismatches, []);
    assert.equal(requests, 3 + 500);
  });

  it('fails a gateway that mirrors half where 35% is expected, with the binomial verdict', async () => {
    const random = seededRandom(5);
    const { outcome } = await run(() => (random() < 0.5 ? [pods.v2] : []), [{ backend: 'infra-backend-v2', namespace: ns, percent: 35 }]);
    assert.equal(outcome.satisfied, false);
    assert.match(outcome.mismatches[0]?.text ?? '', /^mirror gateway-conformance-infra\/infra-backend-v2: expected 35% of 500 requests mirrored, got 2\d\d of 500 \(\d\d\.\d%, binomial p = .* < 0\.001\)$/);
    // The report's "after N attempts in T" counts the samples and their time too, not only the first streak.
    assert.equal(outcome.attempts, 3 + 500);
    assert.ok(outcome.elapsedMs >= wait.intervalMs, `elapsed ${outcome.elapsedMs} ms`);
  });
});
