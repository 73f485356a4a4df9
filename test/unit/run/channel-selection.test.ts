import assert from 'node:assert/strict';
import { InvalidArgumentError } from 'commander';
import { parseChannel } from '../../../harness/cli/channel-option.ts';
import { selectForChannel } from '../../../harness/run/channel-selection.ts';
import type { Scenario } from '../../../harness/scenario/scenario-types.ts';

function scenario(id: string, channel: Scenario['channel']): Scenario {
  return { id, channel } as Scenario;
}

describe('selectForChannel', () => {
  const scenarios = [scenario('plain', 'standard'), scenario('retry', 'experimental'), scenario('other', 'standard')];

  it('skips experimental scenarios in a standard run, saying how to run them', () => {
    const selection = selectForChannel(scenarios, 'standard');
    assert.deepEqual(
      selection.runnable.map((item) => item.id),
      ['plain', 'other'],
    );
    assert.deepEqual(
      selection.skipped.map((skip) => skip.scenario.id),
      ['retry'],
    );
    assert.match(selection.skipped[0]?.reason ?? '', /experimental channel.*run with --channel experimental/);
  });

  it('runs every scenario in an experimental run: its CRDs are a superset of the standard ones', () => {
    const selection = selectForChannel(scenarios, 'experimental');
    assert.equal(selection.runnable.length, 3);
    assert.deepEqual(selection.skipped, []);
  });
});

describe('--channel', () => {
  it('takes the two release channels and refuses anything else with the choices', () => {
    assert.equal(parseChannel('standard'), 'standard');
    assert.equal(parseChannel('experimental'), 'experimental');
    assert.throws(() => parseChannel('Experimental'), (error: unknown) => error instanceof InvalidArgumentError && /standard, experimental/.test(error.message));
  });
});
