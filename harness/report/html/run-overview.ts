// The top of the report: the verdict, then cards for what was tested, where, against which Gateway API
// release, how each conformance profile came out, and when.
//
//   renderRunOverview(run): string
import { buildConformanceReport } from '../conformance-report.ts';
import { countOutcomes, type RunResult } from '../run-result.ts';
import { escapeHtml } from './html-escape.ts';

function card(label: string, value: string, detail = ''): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value">${value}</div>${detail ? `<div class="detail">${detail}</div>` : ''}</div>`;
}

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function profileLines(run: RunResult): string {
  const profiles = buildConformanceReport(run).profiles;
  if (profiles.length === 0) return 'no conformance scenarios';
  return profiles
    .map((profile) => `${escapeHtml(profile.name)}: core ${escapeHtml(profile.core.result)}${profile.extended ? `, extended ${escapeHtml(profile.extended.result)}` : ''}`)
    .join('<br>');
}

export function renderRunOverview(run: RunResult): string {
  const counts = countOutcomes(run.scenarios);
  const verdict = counts.failed > 0 ? 'failed' : 'passed';
  const implementation = run.implementation;
  const countBadges = [
    `<span class="badge passed">${counts.passed} passed</span>`,
    `<span class="badge failed">${counts.failed} failed</span>`,
    `<span class="badge skipped">${counts.skipped} skipped</span>`,
  ].join(' ');
  return [
    `<h1>Gauntlet run ${escapeHtml(run.runId)} <span class="badge ${verdict}" id="verdict">${verdict === 'failed' ? 'FAILED' : 'PASSED'}</span></h1>`,
    `<p class="subtitle">${run.scenarios.length} scenarios against GatewayClass <code>${escapeHtml(run.gatewayClass)}</code></p>`,
    '<div class="cards" id="summary">',
    card('Verdicts', `<div class="counts">${countBadges}</div>`),
    card('Implementation', `${escapeHtml(implementation.project)} ${escapeHtml(implementation.version)}`, escapeHtml([implementation.organization, implementation.url].filter(Boolean).join(' · '))),
    card('GatewayClass', escapeHtml(run.gatewayClass)),
    card('Cluster', escapeHtml(run.cluster.provider)),
    card('Gateway API', `${escapeHtml(run.gatewayAPI.version)} (${escapeHtml(run.gatewayAPI.channel)})`),
    card('Profiles', profileLines(run)),
    card('Time', escapeHtml(formatDurationMs(Date.parse(run.finishedAt) - Date.parse(run.startedAt))), `${escapeHtml(run.startedAt)} → ${escapeHtml(run.finishedAt)}`),
    '</div>',
  ].join('\n');
}
