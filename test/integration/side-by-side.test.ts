// Side by side through the CLI: the reference implementation and its altered copy (gauntlet-altered, whose
// controller runs with DEVIATE=equal-backend-weights) run the same scenarios, each on its own local cluster;
// the run must report exactly the assertion on which they disagree (the weighted split) in the terminal and in
// both runs' results.json, and nothing where they agree (path matching).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../harness/run/project-paths.ts';
import type { SideBySideResult } from '../../harness/run/side-by-side/disagreements.ts';
import { processesMentioning, runGauntlet } from './run-command.ts';

describe('gauntlet run --gateway-class gauntlet --gateway-class gauntlet-altered (side by side)', function () {
  this.timeout(300_000);

  it('lists the weighted split as the one assertion the two classes disagree on, in the terminal and results.json', async () => {
    const reportsDir = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
    const args = ['run', '--gateway-class', 'gauntlet', '--gateway-class', 'gauntlet-altered'];
    args.push('--scenario', 'httproute-weighted-backends', '--scenario', 'httproute-matching', '--reports-dir', reportsDir);
    const result = await runGauntlet(args, { cwd: projectRoot, timeoutMs: 280_000 });
    assert.equal(result.code, 1, `the altered class fails the split, so the run exits 1:\n${result.stderr}`);
    assert.match(result.stderr, /install the reference implementation altered \(DEVIATE=equal-backend-weights\)/);
    assert.match(result.stderr, /Side by side: gauntlet vs gauntlet-altered \(runs \S+, \S+\): 1 assertion\(s\) in 1 of 2 scenarios disagree/);
    assert.match(result.stderr, /httproute-weighted-backends\s+split: 70\/30\/0 across infra-backend-v1\/v2\/v3\s+split shares\s+passed\s+failed/);

    const runIds = /\(runs (\S+), (\S+)\)/.exec(result.stderr)?.slice(1) ?? [];
    assert.equal(runIds.length, 2);
    for (const runId of runIds) {
      const results = JSON.parse(readFileSync(join(reportsDir, runId, 'results.json'), 'utf8')) as { gatewayClass: string; sideBySide: SideBySideResult };
      assert.deepEqual(results.sideBySide.gatewayClasses, ['gauntlet', 'gauntlet-altered']);
      assert.equal(results.sideBySide.scenariosCompared, 2);
      const [disagreement, ...others] = results.sideBySide.disagreements;
      assert.deepEqual(others, [], 'httproute-matching: the classes agree');
      assert.equal(disagreement?.scenario, 'httproute-weighted-backends');
      assert.equal(disagreement?.aspect, 'split');
      assert.deepEqual(
        disagreement?.results.map((item) => [item.gatewayClass, item.outcome]),
        [
          ['gauntlet', 'passed'],
          ['gauntlet-altered', 'failed'],
        ],
      );
      // The altered copy sends half the requests to each backend: its failure shows the observed shares.
      assert.match(disagreement?.results[1]?.message ?? '', /infra-backend-v1\s+70\s+70\.0% \(350\.0\)\s+(4\d|5\d)\.\d%/);
    }
    assert.deepEqual(await processesMentioning(reportsDir), [], 'processes of these runs left running');
  });
});
