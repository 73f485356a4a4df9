// A failed scenario as the report shows it: per failed step, expected versus got side by side with the status of
// the objects the step depended on at the moment it failed, then the full message.
//
//   renderFailure(scenario): string
import type { ScenarioResult, StepResult } from '../run-result.ts';
import { escapeHtml, htmlId } from './html-escape.ts';
import { renderObservedObject } from './object-status-view.ts';

function comparisonTable(step: StepResult): string {
  if (!step.comparisons || step.comparisons.length === 0) return `<pre>${escapeHtml(step.message ?? '(no message)')}</pre>`;
  const rows = step.comparisons.map(
    (comparison) =>
      `<tr><td>${escapeHtml(comparison.field)}</td><td class="expected">${escapeHtml(comparison.expected)}</td><td class="actual">${escapeHtml(comparison.actual)}</td></tr>`,
  );
  return `<table class="expected-got"><thead><tr><th>what</th><th>expected</th><th>got</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function objectsPanel(step: StepResult): string {
  if (!step.objects || step.objects.length === 0) return '<p class="note">No object status was recorded for this step.</p>';
  return step.objects.map(renderObservedObject).join('\n');
}

function renderFailedStep(step: StepResult): string {
  const firstLine = (step.message ?? '').split('\n')[0] ?? '';
  return [
    `<h4>${escapeHtml(step.name)}</h4>`,
    firstLine ? `<p class="where mono">${escapeHtml(firstLine)}</p>` : '',
    '<div class="side-by-side">',
    `<div><h4>Expected versus got</h4>${comparisonTable(step)}</div>`,
    `<div><h4>Objects at that moment</h4>${objectsPanel(step)}</div>`,
    '</div>',
    step.comparisons && step.message ? `<details><summary>full message</summary><pre>${escapeHtml(step.message)}</pre></details>` : '',
  ].join('\n');
}

export function renderFailure(scenario: ScenarioResult): string {
  const failed = scenario.steps.filter((step) => step.outcome === 'failed');
  const upstream = scenario.conformanceTest ? ` <span class="note">${escapeHtml(scenario.conformanceTest)}</span>` : '';
  return [
    `<section class="failure" id="${htmlId('failure', scenario.id)}">`,
    `<h3><span class="badge failed">FAIL</span> ${escapeHtml(scenario.id)}${upstream}</h3>`,
    `<p class="note">${escapeHtml(scenario.description)}</p>`,
    ...(failed.length > 0 ? failed.map(renderFailedStep) : ['<p>The scenario failed without a failed step on record.</p>']),
    '</section>',
  ].join('\n');
}
