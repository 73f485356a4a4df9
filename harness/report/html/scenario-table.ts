// Every scenario of the run, in run order: outcome, upstream test, profile, time and load figures, each row
// opening onto its steps (outcome, time, propagation, the message of a failure or skip).
//
//   renderScenarioTable(run): string
import type { Outcome, RunResult, ScenarioResult, StepResult } from '../run-result.ts';
import { escapeHtml, htmlId } from './html-escape.ts';
import { formatDurationMs } from './run-overview.ts';

const LABELS: Record<Outcome, string> = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' };

function stepRow(step: StepResult): string {
  const notes = [
    step.propagationMs === undefined ? '' : `propagation ${formatDurationMs(step.propagationMs)}`,
    step.split ? `split p = ${step.split.pValue.toPrecision(3)}` : '',
    step.outcome === 'passed' ? '' : (step.message ?? '').split('\n')[0],
  ].filter(Boolean);
  return `<tr><td><span class="badge ${step.outcome}">${LABELS[step.outcome]}</span></td><td>${escapeHtml(step.name)}</td><td class="num">${escapeHtml(formatDurationMs(step.durationMs))}</td><td>${escapeHtml(notes.join(' · '))}</td></tr>`;
}

function loadFigures(scenario: ScenarioResult): string {
  const load = scenario.load;
  if (!load) return '';
  return `${load.requests.perSecond.toFixed(0)} req/s · p50 ${load.latency.p50Ms} ms · p99 ${load.latency.p99Ms} ms · ${load.errors + load.non2xx} errors`;
}

function scenarioRow(scenario: ScenarioResult): string {
  const failureLink = scenario.outcome === 'failed' ? ` <a href="#${htmlId('failure', scenario.id)}">details</a>` : '';
  return [
    `<tr id="${htmlId('scenario', scenario.id)}" data-outcome="${scenario.outcome}">`,
    `<td class="outcome"><span class="badge ${scenario.outcome}">${LABELS[scenario.outcome]}</span></td>`,
    `<td><details><summary>${escapeHtml(scenario.id)}</summary><div class="note">${escapeHtml(scenario.description)}</div>`,
    `<table class="steps"><tbody>${scenario.steps.map(stepRow).join('')}</tbody></table></details>${failureLink}</td>`,
    `<td>${escapeHtml(scenario.conformanceTest ?? '–')}</td>`,
    `<td>${escapeHtml(scenario.profile)}</td>`,
    `<td class="num">${escapeHtml(formatDurationMs(scenario.durationMs))}</td>`,
    `<td>${escapeHtml(loadFigures(scenario))}</td>`,
    '</tr>',
  ].join('');
}

export function renderScenarioTable(run: RunResult): string {
  return [
    '<table class="scenarios" id="scenarios">',
    '<thead><tr><th>result</th><th>scenario</th><th>upstream test</th><th>profile</th><th class="num">time</th><th>load</th></tr></thead>',
    `<tbody>${run.scenarios.map(scenarioRow).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}
