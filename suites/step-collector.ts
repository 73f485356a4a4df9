// Collects what mocha ran, step by step, into per-scenario records (with what each step left for the report:
// step-details.ts), and prints each outcome as it happens so a long run shows its progress.
import Mocha from 'mocha';
import type { Outcome, StepResult } from '../harness/report/run-result.ts';
import type { Scenario } from '../harness/scenario/scenario-types.ts';
import { scenarioOfSuite } from './scenario-suite.ts';
import { comparisonsOf, stepDetailsOf } from './step-details.ts';

export type StepOutcome = Outcome;

/** A step as the results model holds it. */
export type StepRecord = StepResult;

export interface ScenarioRecord {
  scenario: Scenario;
  startedAt: Date;
  durationMs: number;
  steps: StepRecord[];
}

export class StepCollector {
  readonly records: ScenarioRecord[] = [];
  private readonly bySuite = new Map<Mocha.Suite, ScenarioRecord>();
  private readonly write: (line: string) => void;

  constructor(write: (line: string) => void) {
    this.write = write;
  }

  /** Subscribes to a mocha runner's events. */
  attach(runner: Mocha.Runner): void {
    const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      const scenario = scenarioOfSuite(suite);
      if (!scenario) return;
      const record: ScenarioRecord = { scenario, startedAt: new Date(), durationMs: 0, steps: [] };
      this.bySuite.set(suite, record);
      this.records.push(record);
      this.write(`▶ ${scenario.id}${scenario.conformanceTest ? ` (${scenario.conformanceTest})` : ''}`);
    });
    runner.on(EVENT_SUITE_END, (suite: Mocha.Suite) => {
      const record = this.bySuite.get(suite);
      if (!record) return;
      record.durationMs = Date.now() - record.startedAt.getTime();
      const failed = record.steps.some((step) => step.outcome === 'failed');
      this.write(`${failed ? '✘' : '✔'} ${record.scenario.id} ${failed ? 'FAILED' : 'passed'} (${(record.durationMs / 1000).toFixed(1)}s)`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Runnable) => this.record(test, 'passed'));
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Runnable) => this.record(test, 'skipped'));
    runner.on(EVENT_TEST_FAIL, (runnable: Mocha.Runnable, error: Error) => this.record(runnable, 'failed', error));
  }

  private record(runnable: Mocha.Runnable, outcome: StepOutcome, error?: Error): void {
    const record = runnable.parent ? this.bySuite.get(runnable.parent) : undefined;
    const name = runnable instanceof Mocha.Hook ? hookName(runnable) : runnable.title;
    if (!record) {
      // A failure outside any scenario (a root hook) must still surface.
      this.write(`✘ ${name}: ${error?.message ?? outcome}`);
      return;
    }
    const durationMs = runnable.duration ?? 0;
    const step: StepRecord = { name, outcome, startedAt: new Date(Date.now() - durationMs).toISOString(), durationMs };
    if (error) step.message = error.message;
    const comparisons = comparisonsOf(error);
    if (comparisons && comparisons.length > 0) step.comparisons = comparisons;
    Object.assign(step, stepDetailsOf(runnable));
    record.steps.push(step);
    const mark = outcome === 'passed' ? '✔' : outcome === 'failed' ? '✘' : '–';
    this.write(`  ${mark} ${name}${outcome === 'passed' ? ` (${step.durationMs}ms)` : ''}`);
    if (error) this.write(indent(error.message, '      '));
  }
}

function hookName(hook: Mocha.Runnable): string {
  // mocha titles hooks as `"after all" hook: cleanup`; the step is the hook's own name.
  const match = /hook: (.+?)(?: for ".*")?$/.exec(hook.title);
  return match?.[1] ?? hook.title;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}
