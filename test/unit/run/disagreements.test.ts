import assert from 'node:assert/strict';
import type { RunResult, ScenarioResult, StepResult } from '../../../harness/report/run-result.ts';
import { aspectOf, findDisagreements } from '../../../harness/run/side-by-side/disagreements.ts';
import { formatDisagreements } from '../../../harness/run/side-by-side/format-disagreements.ts';
import { NOT_RUN_AFTER_FAILURE } from '../../../suites/scenario-suite.ts';
import { sampleRun } from '../report/sample-run.ts';

const step = (name: string, outcome: StepResult['outcome'], message?: string): StepResult => ({ name, outcome, durationMs: 1, ...(message ? { message } : {}) });

function scenario(id: string, steps: StepResult[], outcome?: ScenarioResult['outcome']): ScenarioResult {
  const derived = steps.some((item) => item.outcome === 'failed') ? 'failed' : 'passed';
  return { id, description: '', profile: 'GATEWAY-HTTP', features: ['Gateway', 'HTTPRoute'], outcome: outcome ?? derived, durationMs: 1, steps };
}

function run(gatewayClass: string, scenarios: ScenarioResult[]): RunResult {
  return { ...sampleRun(), runId: `run-${gatewayClass}`, gatewayClass, scenarios };
}

describe('findDisagreements (side by side)', () => {
  it('names what each step checks, phase prefixes aside', () => {
    assert.equal(aspectOf('status: HTTPRoute ns/r'), 'status');
    assert.equal(aspectOf('then: request: GET /'), 'response');
    assert.equal(aspectOf('split: 70/30'), 'split');
    assert.equal(aspectOf('apply manifests'), 'other');
  });

  it('lists status, response and split assertions whose outcomes differ, and nothing where they agree', () => {
    const a = run('a', [
      scenario('status-reasons', [step('status: HTTPRoute ns/r', 'passed'), step('request: GET /', 'passed')]),
      scenario('headers', [step('request: backend sees X-Header', 'passed')]),
      scenario('same', [step('request: GET /', 'failed', 'expected 200, got 404')]),
      scenario('split', [step('split: 70/30', 'passed')]),
    ]);
    const b = run('b', [
      scenario('status-reasons', [
        step('status: HTTPRoute ns/r', 'failed', 'condition ResolvedRefs: expected reason BackendNotFound, got InvalidKind'),
        step(`request: GET / (${NOT_RUN_AFTER_FAILURE})`, 'skipped'),
      ]),
      scenario('headers', [step('request: backend sees X-Header', 'failed', 'backend header X-Header: expected [a], got [a, b]')]),
      scenario('same', [step('request: GET /', 'failed', 'expected 200, got 503 (another wording)')]),
      scenario('split', [step('split: 70/30', 'failed', 'observed 50%/50%')]),
    ]);
    const result = findDisagreements([a, b]);
    assert.deepEqual(result.gatewayClasses, ['a', 'b']);
    assert.equal(result.scenariosCompared, 4);
    assert.deepEqual(
      result.disagreements.map((item) => [item.scenario, item.assertion, item.aspect, item.results.map((r) => r.outcome).join('/')]),
      [
        ['status-reasons', 'status: HTTPRoute ns/r', 'status', 'passed/failed'],
        ['status-reasons', 'request: GET /', 'response', 'passed/skipped'],
        ['headers', 'request: backend sees X-Header', 'response', 'passed/failed'],
        ['split', 'split: 70/30', 'split', 'passed/failed'],
      ],
    );
    assert.equal(result.disagreements[0]?.results[1]?.message, 'condition ResolvedRefs: expected reason BackendNotFound, got InvalidKind');
  });

  it('reports a scenario one class ran and another skipped once, with the reason', () => {
    const skippedSteps = [step('supported features', 'skipped', 'needs feature HTTPRouteRequestMirror')];
    const result = findDisagreements([run('a', [scenario('mirror', [step('request: GET /', 'passed')])]), run('b', [scenario('mirror', skippedSteps, 'skipped')])]);
    assert.equal(result.disagreements.length, 1);
    assert.equal(result.disagreements[0]?.assertion, '(scenario)');
    assert.deepEqual(result.disagreements[0]?.results[1], { gatewayClass: 'b', outcome: 'skipped', message: 'needs feature HTTPRouteRequestMirror' });
  });

  it('prints a table with a column per class, then each side in its own words', () => {
    const a = run('ref', [scenario('split', [step('split: 70/30', 'passed')])]);
    const b = run('alt', [scenario('split', [step('split: 70/30', 'failed', 'backend  observed\nv1       50%')])]);
    const lines = formatDisagreements(findDisagreements([a, b])).split('\n');
    assert.equal(lines[0], 'Side by side: ref vs alt (runs run-ref, run-alt): 1 assertion(s) in 1 of 1 scenarios disagree');
    assert.match(lines[1] ?? '', /^SCENARIO\s+ASSERTION\s+ASPECT\s+ref\s+alt$/);
    assert.match(lines[2] ?? '', /^split\s+split: 70\/30\s+split shares\s+passed\s+failed$/);
    assert.deepEqual(lines.slice(4), ['split: split: 70/30', '  ref: passed', '  alt: failed', '    backend  observed', '    v1       50%']);
    assert.match(formatDisagreements(findDisagreements([a, a])), /they agree on every assertion of 1 scenarios/);
  });
});
