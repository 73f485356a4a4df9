// Makes the type check (`tsc -p .`) fail when the results schema and the TypeScript results model drift apart:
// each pair below must be the same type, field for field, optional or not. When it fails, change the schema
// (run-schema.ts, step-schema.ts, load-schema.ts) to describe the model, then `npm run schema:results`.
import type { Static } from 'typebox';
import type { LoadResult } from '../../load/run-load.ts';
import type { ObservedObject, RunResult, ScenarioResult, StepResult } from '../run-result.ts';
import type { LoadResultSchema } from './load-schema.ts';
import type { RunResultSchema, ScenarioResultSchema } from './run-schema.ts';
import type { ObservedObjectSchema, StepResultSchema } from './step-schema.ts';

/** T as JSON.stringify writes it: a key whose value may be undefined is left out, so it is optional. */
type AsJson<T> = T extends readonly (infer Item)[]
  ? AsJson<Item>[]
  : T extends object
    ? { [K in keyof T as undefined extends T[K] ? never : K]: AsJson<T[K]> } & { [K in keyof T as undefined extends T[K] ? K : never]?: AsJson<Exclude<T[K], undefined>> }
    : T;

/** Property names (an index signature's keyof also holds number; a remapped one's does not). */
type Keys<T> = Extract<keyof T, string>;

/** What the type check says when they differ. */
type Drift = 'the results schema no longer describes this type: update harness/report/results-schema/, then npm run schema:results';

/** true only when A and B are mutually assignable and have the same keys, optional or not, at every level. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? SameKeys<A, B> : Drift) : Drift;
type SameKeys<A, B> = A extends readonly (infer ItemA)[]
  ? B extends readonly (infer ItemB)[]
    ? Same<ItemA, ItemB>
    : Drift
  : A extends object
    ? [Exclude<Keys<A>, Keys<B>> | Exclude<Keys<B>, Keys<A>>] extends [never]
      ? Drift extends { [K in keyof A & keyof B]-?: Same<NonNullable<A[K]>, NonNullable<B[K]>> }[keyof A & keyof B]
        ? Drift
        : true
      : Drift
    : true;

/** Each must be `true`; the type check names the one that is not. */
export interface ResultsSchemaMatchesTypes {
  run: Same<Static<typeof RunResultSchema>, AsJson<RunResult>>;
  scenario: Same<Static<typeof ScenarioResultSchema>, AsJson<ScenarioResult>>;
  step: Same<Static<typeof StepResultSchema>, AsJson<StepResult>>;
  observedObject: Same<Static<typeof ObservedObjectSchema>, AsJson<ObservedObject>>;
  load: Same<Static<typeof LoadResultSchema>, AsJson<LoadResult>>;
}

export const resultsSchemaMatchesTypes: ResultsSchemaMatchesTypes = { run: true, scenario: true, step: true, observedObject: true, load: true };
