import assert from 'node:assert/strict';
import { seededRandom } from '../../../reference-impl/proxy/backend/seeded-random.ts';
import { shouldMirror } from '../../../reference-impl/proxy/filters/mirror-fraction.ts';

describe('mirror fraction', () => {
  it('never mirrors 0/d and always mirrors d/d, without drawing', () => {
    const noDraw = (): number => assert.fail('no random draw expected');
    assert.equal(shouldMirror({ numerator: 0, denominator: 100 }, noDraw), false);
    assert.equal(shouldMirror({ numerator: 100, denominator: 100 }, noDraw), true);
  });

  it('mirrors when the draw falls below numerator/denominator', () => {
    assert.equal(shouldMirror({ numerator: 1, denominator: 4 }, () => 0.2499), true);
    assert.equal(shouldMirror({ numerator: 1, denominator: 4 }, () => 0.25), false);
  });

  it('mirrors about the asked share of requests, decided per request', () => {
    const random = seededRandom(7);
    let mirrored = 0;
    for (let i = 0; i < 10_000; i++) if (shouldMirror({ numerator: 35, denominator: 100 }, random)) mirrored += 1;
    // 35% of 10000 with a binomial standard deviation of about 48: 5 sigma either side.
    assert.ok(mirrored > 3260 && mirrored < 3740, `mirrored ${mirrored} of 10000`);
  });
});
