// What goes wrong while one rule compiles, collected rather than thrown: the compilers of every part of a
// rule (matches, filters, backends, timeouts) report into one RuleIssues, and the rule compiler decides from
// it what the rule becomes (served, answering 500, or left out) and what the route's status says.
import type { RefFailure } from './backend-resolution.ts';
import type { RuleInvalidReason } from './condition-names.ts';

export interface RuleProblem {
  reason: RuleInvalidReason;
  /** Says where in the rule (`filters[1].requestRedirect.statusCode`) and what is wrong. */
  message: string;
}

export class RuleIssues {
  /** The rule is invalid as written: the specification's UnsupportedValue or IncompatibleFilters. */
  readonly problems: RuleProblem[] = [];
  /** References that do not resolve (ResolvedRefs False); the rule stays valid. */
  readonly refFailures: RefFailure[] = [];

  invalid(reason: RuleInvalidReason, message: string): void {
    this.problems.push({ reason, message });
  }

  unresolved(failure: RefFailure): void {
    this.refFailures.push(failure);
  }
}
