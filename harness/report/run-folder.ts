// The reports/ layout: one folder per run (reports/<run-id>/) and reports/latest, a symlink to the newest.
//
//   writeRunFolder(run: RunResult, reportsRoot: string): Promise<{ dir: string; files: string[] }>
import { rename, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from './run-result.ts';
import { writeReports } from './write-reports.ts';

export const LATEST_LINK_NAME = 'latest';

export class ReportWriteError extends Error {
  readonly code = 'GAUNTLET_REPORT_WRITE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReportWriteError';
  }
}

export async function writeRunFolder(run: RunResult, reportsRoot: string): Promise<{ dir: string; files: string[] }> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(run.runId)) {
    throw new ReportWriteError(`run id ${JSON.stringify(run.runId)} cannot name a folder; use letters, digits, ".", "_" and "-"`);
  }
  const dir = join(reportsRoot, run.runId);
  const files = await writeReports(run, dir);
  // Relative target, so the reports folder can be moved or archived whole; swapped in by rename so that
  // readers never see a missing link.
  const temporary = join(reportsRoot, `.${LATEST_LINK_NAME}-${process.pid}`);
  await unlink(temporary).catch(() => undefined);
  await symlink(run.runId, temporary);
  await rename(temporary, join(reportsRoot, LATEST_LINK_NAME));
  return { dir, files };
}
