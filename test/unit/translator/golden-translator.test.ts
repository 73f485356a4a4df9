// Golden-file test of the translator: input is a set of Kubernetes objects (YAML), output is every IR, every
// infrastructure intent and every status update the translator returns for them (YAML), compared exactly.
// Cases: every scenario under scenarios/ (base fixture + its manifests, then each `then:` phase), outputs in
// test/golden/translator/scenarios/; and hand-written edge cases, test/golden/translator/edge-cases/<name>.in.yaml
// beside <name>.out.yaml. How inputs become a cluster's worth of objects: golden/golden-cluster.ts.
//
// After an intended change, regenerate every output and review the diff:
//     GAUNTLET_UPDATE_GOLDEN=1 npm run test:unit
// (a new scenario or a new .in.yaml gets its output the same way; outputs without a case are removed).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONTROLLER_NAME } from '../../../reference-impl/controller/controller-settings.ts';
import { buildSnapshot } from '../../../reference-impl/controller/provider/snapshot-builder.ts';
import { translate } from '../../../reference-impl/controller/translator/translate.ts';
import type { TranslationResult } from '../../../reference-impl/controller/translator/translation-result.ts';
import { type GoldenCase, type GoldenState, handWrittenCases, scenarioCases } from './golden/golden-cases.ts';
import { clusterObjects } from './golden/golden-cluster.ts';
import { renderGoldenFile, renderTranslation } from './golden/golden-output.ts';

const GOLDEN_ROOT = 'test/golden/translator';
const EDGE_CASES = join(GOLDEN_ROOT, 'edge-cases');
const SCENARIO_OUTPUTS = join(GOLDEN_ROOT, 'scenarios');
/** The translator's clock in every case. */
const NOW = new Date('2026-11-26T10:00:00Z');
const UPDATE = process.env.GAUNTLET_UPDATE_GOLDEN === '1';

const cases: GoldenCase[] = [...handWrittenCases(EDGE_CASES), ...scenarioCases('scenarios', SCENARIO_OUTPUTS)];

function translateState(goldenCase: GoldenCase, state: GoldenState, options: { asWritten?: boolean } = {}): TranslationResult {
  const snapshot = buildSnapshot(clusterObjects(state.manifests, goldenCase.channel, options), NOW);
  return translate(snapshot, { controllerName: DEFAULT_CONTROLLER_NAME });
}

async function render(goldenCase: GoldenCase): Promise<string> {
  const documents = (await goldenCase.states()).map((state) => renderTranslation(state.label, translateState(goldenCase, state)));
  return renderGoldenFile(goldenCase.source, documents);
}

describe('translator golden files', () => {
  for (const goldenCase of cases) {
    it(goldenCase.name, async () => {
      const actual = await render(goldenCase);
      if (UPDATE) {
        writeFileSync(goldenCase.expectedFile, actual);
        return;
      }
      assert.ok(existsSync(goldenCase.expectedFile), `${goldenCase.expectedFile} is missing: generate it with GAUNTLET_UPDATE_GOLDEN=1 npm run test:unit`);
      const expected = readFileSync(goldenCase.expectedFile, 'utf8');
      assert.equal(actual, expected, `translation of ${goldenCase.source} differs from ${goldenCase.expectedFile}; if the change is intended, regenerate with GAUNTLET_UPDATE_GOLDEN=1 npm run test:unit and review the diff`);
    });
  }

  it('fills in what the CRDs default as the CRDs do: every case, as written, gives the same IRs as admitted', async function () {
    // Every case translated twice: seconds, not the default 2.
    this.timeout(30_000);
    for (const goldenCase of cases) {
      for (const state of await goldenCase.states()) {
        const admitted = translateState(goldenCase, state);
        const asWritten = translateState(goldenCase, state, { asWritten: true });
        assert.deepEqual([...asWritten.gateways], [...admitted.gateways], `${goldenCase.source} (${state.label})`);
      }
    }
  });

  it('has no output without a case (a removed scenario or input takes its output with it)', () => {
    const expected = new Set(cases.map((goldenCase) => goldenCase.expectedFile));
    const outputs = [EDGE_CASES, SCENARIO_OUTPUTS].flatMap((folder) => readdirSync(folder).filter((file) => file.endsWith('.out.yaml')).map((file) => join(folder, file)));
    const orphans = outputs.filter((file) => !expected.has(file));
    if (UPDATE) for (const orphan of orphans) rmSync(orphan);
    else assert.deepEqual(orphans, [], 'golden outputs without a case: delete them, or regenerate with GAUNTLET_UPDATE_GOLDEN=1 npm run test:unit');
  });
});
