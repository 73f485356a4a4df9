// Writes every report of a run into one folder and returns the paths written.
//
//   writeReports(run: RunResult, dir: string): Promise<string[]>
//     dir/results.json              the RunResult itself (machine-readable; `gauntlet compare` input)
//     dir/junit.xml                 JUnit for CI
//     dir/<channel>-<version>-<mode>-report.yaml   upstream ConformanceReport (upstream's file name)
//     dir/index.html                the report to read: summary, failures, charts (self-contained)
//     dir/summary.md                the summary for CI job summaries and pull-request comments
// The caller picks dir (by convention reports/<run-id>/) and maintains the reports/latest symlink.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { conformanceReportFileName, renderConformanceReport } from './conformance-report.ts';
import { renderHtmlReport } from './html-report.ts';
import { renderJUnit } from './junit-report.ts';
import { renderMarkdownSummary } from './markdown-summary.ts';
import type { RunResult } from './run-result.ts';

export const REPORT_FILES = {
  results: 'results.json',
  junit: 'junit.xml',
  html: 'index.html',
  summary: 'summary.md',
} as const;

export interface WriteReportsOptions {
  /** false: leave results.json as it is and write only what is rendered from it (`gauntlet report`). */
  results?: boolean;
}

export async function writeReports(run: RunResult, dir: string, options: WriteReportsOptions = {}): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const outputs: [string, string][] = [
    ...(options.results === false ? [] : [[REPORT_FILES.results, `${JSON.stringify(run, null, 2)}\n`] as [string, string]]),
    [REPORT_FILES.junit, renderJUnit(run)],
    [conformanceReportFileName(run, { mode: run.mode }), renderConformanceReport(run, { mode: run.mode })],
    [REPORT_FILES.html, await renderHtmlReport(run)],
    [REPORT_FILES.summary, renderMarkdownSummary(run)],
  ];
  const written: string[] = [];
  for (const [name, content] of outputs) {
    const path = join(dir, name);
    await writeFile(path, content, 'utf8');
    written.push(path);
  }
  return written;
}
