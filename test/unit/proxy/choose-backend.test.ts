import assert from 'node:assert/strict';
import type { BackendIR } from '../../../reference-impl/ir/gateway-ir.ts';
import { createBackendChooser, pickWeighted } from '../../../reference-impl/proxy/backend/choose-backend.ts';
import { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';
import { service } from './ir-builders.ts';

function countPicks(backends: BackendIR[], picks: number, seed: number): Map<string, number> {
  const random = seededRandom(seed);
  const counts = new Map<string, number>();
  for (let i = 0; i < picks; i++) {
    const picked = pickWeighted(backends, random);
    const name = picked?.name ?? 'none';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe('choose-backend', () => {
  it('splits 70/30/0 over 10,000 picks within tight bounds and never picks weight 0', () => {
    const counts = countPicks([service('a', 70), service('b', 30), service('zero', 0)], 10_000, 42);
    const a = counts.get('a') ?? 0;
    const b = counts.get('b') ?? 0;
    // 3 standard deviations of a binomial(10000, 0.7) is about 137.
    assert.ok(Math.abs(a - 7000) < 140, `a picked ${a} times`);
    assert.ok(Math.abs(b - 3000) < 140, `b picked ${b} times`);
    assert.equal(counts.get('zero'), undefined);
    assert.equal(a + b, 10_000);
  });

  it('is reproducible with the same seed', () => {
    const backends = [service('a', 1), service('b', 1), service('c', 1)];
    assert.deepEqual(countPicks(backends, 500, 7), countPicks(backends, 500, 7));
  });

  it('answers 500 when all weights are 0 or there are no backends', () => {
    const chooser = createBackendChooser({ random: seededRandom(1) });
    for (const backends of [[service('a', 0), service('b', 0)], []]) {
      const choice = chooser.choose(backends);
      assert.equal(choice.kind, 'error');
      assert.equal(choice.kind === 'error' && choice.status, 500);
    }
  });

  it('answers 500 for the share of requests that pick an invalid backend', () => {
    const chooser = createBackendChooser({ random: seededRandom(3) });
    const backends: BackendIR[] = [service('ok', 50), { kind: 'invalid', name: 'ns/missing:80', weight: 50, reason: 'Service not found' }];
    let errors = 0;
    for (let i = 0; i < 10_000; i++) {
      const choice = chooser.choose(backends);
      if (choice.kind === 'error') {
        errors += 1;
        assert.equal(choice.status, 500);
        assert.match(choice.reason, /ns\/missing:80.*Service not found/);
      }
    }
    assert.ok(Math.abs(errors - 5000) < 150, `${errors} invalid picks`);
  });

  it('answers 503 for a service backend without endpoints', () => {
    const choice = createBackendChooser().choose([service('empty', 1, [])]);
    assert.deepEqual(choice.kind === 'error' && [choice.status, /no healthy endpoints/.test(choice.reason)], [503, true]);
  });

  it('rotates endpoints round robin', () => {
    const endpoints = [1, 2, 3].map((port) => ({ address: '127.0.0.1', port }));
    const backends = [service('s', 1, endpoints)];
    const chooser = createBackendChooser();
    const ports = Array.from({ length: 6 }, () => {
      const choice = chooser.choose(backends);
      return choice.kind === 'endpoint' ? choice.endpoint.port : 0;
    });
    assert.deepEqual(ports, [1, 2, 3, 1, 2, 3]);
  });

  it('spreads endpoints evenly with the random policy', () => {
    const endpoints = [1, 2].map((port) => ({ address: '127.0.0.1', port }));
    const chooser = createBackendChooser({ random: seededRandom(9), endpointPolicy: 'random' });
    let first = 0;
    for (let i = 0; i < 2000; i++) {
      const choice = chooser.choose([service('s', 1, endpoints)]);
      if (choice.kind === 'endpoint' && choice.endpoint.port === 1) first += 1;
    }
    assert.ok(Math.abs(first - 1000) < 100, `${first} picks of the first endpoint`);
  });
});
