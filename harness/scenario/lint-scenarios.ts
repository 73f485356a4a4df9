// `gauntlet scenario lint`: loads every scenario under the given paths with the same loader as `run` (no
// cluster needed) and reports every problem as `file:line:column: message`, then a one-line count.
//
//   lintScenarios(paths, options?): Promise<LintResult>   exitCode 0 clean, 1 problems, 2 a path does not exist
import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { findScenarioFiles } from './find-scenario-files.ts';
import { loadScenarios } from './load-scenarios.ts';
import { formatIssue, ScenarioError, type ScenarioIssue } from './scenario-error.ts';

export interface LintResult {
  exitCode: 0 | 1 | 2;
  /** One line per problem, then the count. */
  lines: string[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Paths under the working folder read better relative, and stay clickable in terminals and editors. */
function shorten(file: string, cwd: string): string {
  const shorter = relative(cwd, file);
  return isAbsolute(file) && shorter !== '' && !shorter.startsWith('..') ? shorter : file;
}

export async function lintScenarios(paths: string[], options: { cwd?: string } = {}): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) return { exitCode: 2, lines: missing.map((path) => `${path}: no such file or folder`) };
  const issues: ScenarioIssue[] = [];
  let checked = 0;
  for (const path of paths) {
    checked += (await findScenarioFiles(path)).length;
    try {
      await loadScenarios(path);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      issues.push(...error.issues);
    }
  }
  const lines = issues.map((issue) => formatIssue({ ...issue, file: shorten(issue.file, cwd) }));
  const files = new Set(issues.map((issue) => issue.file)).size;
  const summary = issues.length === 0 ? `${plural(checked, 'scenario')} checked, no problems` : `${plural(issues.length, 'problem')} in ${plural(files, 'file')} (${plural(checked, 'scenario')} checked)`;
  return { exitCode: issues.length === 0 ? 0 : 1, lines: [...lines, summary] };
}
