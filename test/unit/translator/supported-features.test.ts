import assert from 'node:assert/strict';
import { loadScenarios } from '../../../harness/scenario/load-scenarios.ts';
import { SUPPORTED_FEATURES } from '../../../reference-impl/controller/translator/gateway-class-status.ts';

describe('supported features of the reference GatewayClass', function () {
  // Loads every shipped scenario: seconds on a busy machine, not the default 2.
  this.timeout(20_000);
  it('are sorted, and include every feature the shipped scenarios exercise (all of which it passes)', async () => {
    assert.deepEqual([...SUPPORTED_FEATURES], [...SUPPORTED_FEATURES].sort());
    const exercised = new Set((await loadScenarios('scenarios')).flatMap((scenario) => scenario.features));
    const undeclared = [...exercised].filter((feature) => !(SUPPORTED_FEATURES as readonly string[]).includes(feature));
    assert.deepEqual(undeclared, [], 'a scenario exercises a feature the GatewayClass status does not declare');
  });
});
