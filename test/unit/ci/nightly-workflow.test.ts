// .github/workflows/nightly.yml against GitHub Actions' workflow schema (SchemaStore's, as compiled into
// @action-validator/core), then the facts the issue asks of it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const { validateWorkflow } = createRequire(import.meta.url)('@action-validator/core') as typeof import('@action-validator/core');
const WORKFLOW = fileURLToPath(new URL('../../../.github/workflows/nightly.yml', import.meta.url));

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
}

describe('the nightly workflow', () => {
  const text = readFileSync(WORKFLOW, 'utf8');

  it("is valid against GitHub Actions' workflow schema", () => {
    const state = validateWorkflow(text);
    assert.deepEqual(state.errors, [], JSON.stringify(state.errors, null, 2));
  });

  it('would be caught if it were not (a misspelt key)', () => {
    const broken = text.replace('runs-on: ubuntu-24.04', 'runs_on: ubuntu-24.04');
    assert.notDeepEqual(validateWorkflow(broken).errors, []);
  });

  it('runs the conformance suite and the load scenarios on a kind cluster, keeps the reports, writes the job summary', () => {
    const workflow = parse(text) as Workflow;
    assert.ok('schedule' in workflow.on && 'workflow_dispatch' in workflow.on);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.map((step) => step.run ?? '').join('\n');
    assert.match(runs, /npx gauntlet run --cluster kind --reports-dir "\$GAUNTLET_REPORTS\/conformance"/);
    assert.match(runs, /npx gauntlet run --cluster kind --scenario scenarios\/load/);
    assert.match(runs, /GITHUB_STEP_SUMMARY/);
    assert.match(runs, /gauntlet compare/);
    assert.ok(steps.some((step) => step.uses?.startsWith('actions/upload-artifact@')));
  });
});
