// What a step leaves for the report besides pass or fail: what it noted while it ran (when traffic first
// passed, a split's counts), the expected-versus-got pairs its error carries, and the objects' status read
// when it failed. Kept in WeakMaps beside the errors and mocha tests they belong to, so error classes and the
// mocha plumbing stay as they are.
//
//   withComparisons(error, mismatches)   attach expected-versus-got pairs to an error, returns it
//   comparisonsOf(error)                 read them back (undefined: none)
//   setStepDetails(test, details) / stepDetailsOf(test)
import type { Comparison, SplitObservation, StepResult } from '../harness/report/run-result.ts';

/** What a step function notes while it runs, passed or failed. */
export interface StepNotes {
  /** Epoch milliseconds of the answer of the passing streak's first attempt (traffic steps). */
  firstPassAt?: number;
  split?: SplitObservation;
}

export type NoteStep = (notes: StepNotes) => void;

/** The optional parts of a step's result that the suite fills in. */
export type StepDetails = Pick<StepResult, 'objects' | 'propagationMs' | 'split'>;

const comparisonsByError = new WeakMap<object, Comparison[]>();
const detailsByTest = new WeakMap<object, StepDetails>();

export function withComparisons<E extends Error>(error: E, pairs: readonly { field: string; expected: string; actual: string }[]): E {
  comparisonsByError.set(
    error,
    pairs.map(({ field, expected, actual }) => ({ field, expected, actual })),
  );
  return error;
}

export function comparisonsOf(error: unknown): Comparison[] | undefined {
  return typeof error === 'object' && error !== null ? comparisonsByError.get(error) : undefined;
}

export function setStepDetails(test: object, details: StepDetails): void {
  detailsByTest.set(test, details);
}

export function stepDetailsOf(test: object): StepDetails | undefined {
  return detailsByTest.get(test);
}
