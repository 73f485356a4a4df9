import assert from 'node:assert/strict';
import type { HttpCaseSpec, MirrorExpectation, RequestCase, SentRequestOf } from '../../../harness/scenario/scenario-types.ts';
import { expectStatus } from '../../../harness/traffic/expectation.ts';
import { runHttpCase } from '../../../harness/traffic/http-case.ts';
import { startFakeEcho } from './fake-echo-server.ts';
import { fakePodLogs } from './fake-pod-logs.ts';

const ns = 'gateway-conformance-infra';
const v1 = 'infra-backend-v1-5d9f7c6b8-aaaaa';
const v2 = 'infra-backend-v2-5d9f7c6b8-bbbbb';

function retryCase(request: Omit<HttpCaseSpec, 'method'>, mirroredTo: MirrorExpectation[] = []): RequestCase<SentRequestOf<'http'>> {
  const expect = { ...expectStatus(200), backend: { name: 'infra-backend-v1', path: request.path }, mirroredTo };
  return { name: 'retry', gateway: { namespace: ns, name: 'gw' }, port: 80, request: { protocol: 'http', method: 'GET', ...request }, expect, samples: 500, source: { file: 'scenario.yaml', line: 7 } };
}

/** Like the echo's retry simulation with succeedAfter=1: the first request with a given uuid fails, later ones succeed. */
async function flakyBackend() {
  const seen = new Set<string>();
  const paths: string[] = [];
  const echo = await startFakeEcho((request) => {
    paths.push(request.url ?? '');
    const uuid = new URL(request.url ?? '/', 'http://fake').searchParams.get('uuid') ?? '';
    const firstTime = !seen.has(uuid);
    seen.add(uuid);
    return firstTime ? { pod: v1, status: 500 } : { pod: v1, service: 'infra-backend-v1' };
  });
  return { echo, paths };
}

describe('runHttpCase with uniqueQueryParam', () => {
  it('gives every request a fresh value, which a backend counting requests by it sees as a new request each time', async () => {
    const { echo, paths } = await flakyBackend();
    try {
      const outcome = await runHttpCase(echo.target, retryCase({ path: '/retry?succeedAfter=1', uniqueQueryParam: 'uuid' }), { trafficMs: 1000 });
      // Every request is a first one for the backend: 500 each time, never 3 passing tries in a row.
      assert.equal(outcome.satisfied, false);
      assert.equal(outcome.mismatches[0]?.text, 'status: expected 200, got 500');
      const uuids = paths.map((path) => new URL(path, 'http://fake').searchParams.get('uuid'));
      assert.ok(uuids.length >= 3, `only ${uuids.length} requests`);
      assert.equal(new Set(uuids).size, uuids.length, `values repeat: ${uuids.join(', ')}`);
      for (const path of paths) assert.match(path, /^\/retry\?succeedAfter=1&uuid=[0-9a-f-]{36}$/);
    } finally {
      await echo.close();
    }
  });

  it('extends the backend.path expectation with the value each request carried', async () => {
    const echo = await startFakeEcho(() => ({ pod: v1, service: 'infra-backend-v1' }));
    try {
      const outcome = await runHttpCase(echo.target, retryCase({ path: '/retry?succeedAfter=1', uniqueQueryParam: 'uuid' }), { trafficMs: 1000 });
      assert.deepEqual(outcome.mismatches, []);
      assert.equal(echo.requests, 3);
    } finally {
      await echo.close();
    }
  });

  it('sends the path unchanged without it', async () => {
    const { echo, paths } = await flakyBackend();
    try {
      const outcome = await runHttpCase(echo.target, retryCase({ path: '/retry?uuid=fixed' }), { trafficMs: 1000 });
      // Only the first request with uuid=fixed fails; the next three pass.
      assert.deepEqual(outcome.mismatches, []);
      assert.deepEqual(paths, ['/retry?uuid=fixed', '/retry?uuid=fixed', '/retry?uuid=fixed', '/retry?uuid=fixed']);
    } finally {
      await echo.close();
    }
  });

  it('comes before the mirror id, so both reach the backend and the mirror', async () => {
    const logs = fakePodLogs(ns, [v1, v2], 'json');
    const paths: string[] = [];
    const echo = await startFakeEcho((request) => {
      paths.push(request.url ?? '');
      logs.logRequest(v1, request.url ?? '/');
      logs.logRequest(v2, request.url ?? '/', 10);
      return { pod: v1, service: 'infra-backend-v1', namespace: ns };
    });
    try {
      const mirrored = retryCase({ path: '/mirror', uniqueQueryParam: 'uuid' }, [{ backend: 'infra-backend-v2', namespace: ns }]);
      const outcome = await runHttpCase(echo.target, mirrored, { trafficMs: 1500, podLogs: logs, mirrorWait: { waitMs: 400, intervalMs: 20 } });
      assert.deepEqual(outcome.mismatches, []);
      for (const path of paths) assert.match(path, /^\/mirror\?uuid=[0-9a-f-]{36}&gauntlet-request-id=[0-9a-f-]{36}$/);
    } finally {
      await echo.close();
    }
  });

  it('gives each sample of a mirror percentage its own value too', async () => {
    const logs = fakePodLogs(ns, [v1, v2], 'json');
    const paths: string[] = [];
    const echo = await startFakeEcho((request) => {
      paths.push(request.url ?? '');
      logs.logRequest(v1, request.url ?? '/');
      logs.logRequest(v2, request.url ?? '/');
      return { pod: v1, service: 'infra-backend-v1', namespace: ns };
    });
    try {
      const sampled = { ...retryCase({ path: '/mirror', uniqueQueryParam: 'uuid' }, [{ backend: 'infra-backend-v2', namespace: ns, percent: 100 }]), samples: 20 };
      const outcome = await runHttpCase(echo.target, sampled, { trafficMs: 1500, podLogs: logs, mirrorWait: { waitMs: 400, intervalMs: 20 } });
      assert.deepEqual(outcome.mismatches, []);
      assert.equal(paths.length, 3 + 20);
      const uuids = new Set(paths.map((path) => new URL(path, 'http://fake').searchParams.get('uuid')));
      assert.equal(uuids.size, paths.length);
    } finally {
      await echo.close();
    }
  });
});
