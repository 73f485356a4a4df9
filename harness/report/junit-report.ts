// JUnit XML for CI systems: one <testsuite> per profile, one <testcase> per scenario; a failed scenario's
// <failure> holds the messages of its failed steps (the expected-versus-got lines).
//
//   renderJUnit(run: RunResult): string
import { countOutcomes, type RunResult, type ScenarioResult } from './run-result.ts';

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what must go
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function failureText(scenario: ScenarioResult): string {
  const failed = scenario.steps.filter((step) => step.outcome === 'failed');
  if (failed.length === 0) return 'scenario failed';
  return failed.map((step) => `${step.name}:\n${step.message ?? '(no message)'}`).join('\n\n');
}

function renderTestCase(scenario: ScenarioResult, suite: string): string {
  const attributes = `name="${escapeXml(scenario.id)}" classname="${escapeXml(suite)}" time="${seconds(scenario.durationMs)}"`;
  const summary = scenario.conformanceTest ? `${scenario.conformanceTest}: ${scenario.description}` : scenario.description;
  if (scenario.outcome === 'passed') return `    <testcase ${attributes}/>`;
  if (scenario.outcome === 'skipped') {
    const reason = scenario.steps.find((step) => step.outcome === 'skipped')?.message ?? 'skipped';
    return `    <testcase ${attributes}>\n      <skipped message="${escapeXml(reason)}"/>\n    </testcase>`;
  }
  const firstLine = scenario.steps.find((step) => step.outcome === 'failed')?.name ?? 'failed';
  return [
    `    <testcase ${attributes}>`,
    `      <failure message="${escapeXml(firstLine)}" type="ExpectationFailed">${escapeXml(`${summary}\n\n${failureText(scenario)}`)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

export function renderJUnit(run: RunResult): string {
  const profiles = [...new Set(run.scenarios.map((scenario) => scenario.profile))];
  const suites = profiles.map((profile) => {
    const scenarios = run.scenarios.filter((scenario) => scenario.profile === profile);
    const counts = countOutcomes(scenarios);
    const time = scenarios.reduce((sum, scenario) => sum + scenario.durationMs, 0);
    const name = `gauntlet.${profile}`;
    return [
      `  <testsuite name="${escapeXml(name)}" tests="${scenarios.length}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}" time="${seconds(time)}" timestamp="${escapeXml(run.startedAt)}">`,
      ...scenarios.map((scenario) => renderTestCase(scenario, name)),
      '  </testsuite>',
    ].join('\n');
  });
  const counts = countOutcomes(run.scenarios);
  const totalTime = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gauntlet ${escapeXml(run.runId)}" tests="${run.scenarios.length}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}" time="${seconds(Number.isFinite(totalTime) ? totalTime : 0)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
