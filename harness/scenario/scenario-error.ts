// Errors found while reading scenario and fixture files. One ScenarioError carries every issue found in a
// load, so a spec author fixes all of them in one pass instead of one per run.
//
//   class ScenarioError extends Error { code: 'GAUNTLET_SCENARIO_INVALID'; issues: ScenarioIssue[] }
//   interface ScenarioIssue { file: string; line: number; column: number; message: string }

export interface ScenarioIssue {
  file: string;
  /** 1-based; 0 when the issue concerns the file as a whole (e.g. it cannot be read). */
  line: number;
  column: number;
  message: string;
}

export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  return `${where}: ${issue.message}`;
}

export class ScenarioError extends Error {
  readonly code = 'GAUNTLET_SCENARIO_INVALID';
  readonly issues: ScenarioIssue[];

  constructor(issues: ScenarioIssue[]) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`${count} in scenario or manifest files:\n${issues.map((issue) => `  ${formatIssue(issue)}`).join('\n')}`);
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}
