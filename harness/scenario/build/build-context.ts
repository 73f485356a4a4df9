// What every builder of the in-memory scenario needs: where to report a problem, whether the declaration
// already found one under a path (then that entry is skipped, so one mistake is not reported twice), how to
// locate a path in the file, the scenario's `defaults`, and the run profile.
import type { LoadProfile } from '../format/load-format.ts';
import type { DefaultsDocument } from '../format/scenario-format.ts';
import type { SourceLocation } from '../scenario-types.ts';
import { type FieldProblem, fieldProblem, isMapping } from '../validate/field-problem.ts';
import type { YamlPath } from '../yaml-source.ts';

export interface BuildContext {
  report(path: YamlPath, message: string, atKey?: boolean): void;
  /** The declaration found a problem at, inside or above this path: its value is not to be trusted. */
  invalid(path: YamlPath): boolean;
  locate(path: YamlPath): SourceLocation;
  /** The scenario's defaults; empty when absent or themselves invalid. */
  defaults: DefaultsDocument;
  /** `defaults` had problems: checks that depend on them are skipped rather than guessed. */
  defaultsUnknown: boolean;
  /** The run profile whose values {smoke, nightly} take. */
  profile: LoadProfile;
}

export type { LoadProfile };

function startsWith(path: YamlPath, prefix: YamlPath): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => path[index] === key);
}

export function createBuildContext(
  root: unknown,
  schemaProblems: readonly FieldProblem[],
  problems: FieldProblem[],
  locate: (path: YamlPath) => SourceLocation,
  profile: LoadProfile = 'smoke',
): BuildContext {
  const invalid = (path: YamlPath) => schemaProblems.some((problem) => startsWith(problem.path, path) || startsWith(path, problem.path));
  const defaultsUnknown = invalid(['defaults']);
  const given = isMapping(root) && isMapping(root.defaults) && !defaultsUnknown ? (root.defaults as DefaultsDocument) : {};
  return {
    report: (path, message, atKey = false) => problems.push(fieldProblem(path, message, atKey)),
    invalid,
    locate,
    defaults: given,
    defaultsUnknown,
    profile,
  };
}
