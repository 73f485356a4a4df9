// ajv reports a failed `anyOf` with the errors of every branch, most of them noise: a gateway written as a
// mapping with a typo is not wrong for failing to be a "namespace/name" string. This keeps, per union, the
// errors of the one branch the author evidently meant: the only branch whose type fits the value, else the
// fitting branch with the fewest errors. When no branch fits, the union error stays alone and says what the
// value could have been.
import type { ErrorObject } from 'ajv';
import { acceptsTypeOf, type JsonSchema } from './describe-schema.ts';

/** The branch of `union` an error belongs to. The same schema serves every item of a list, so the error must
 * also be about the union's value or something inside it. */
function branchOf(error: ErrorObject, union: ErrorObject): number | undefined {
  const prefix = `${union.schemaPath}/`;
  if (!error.schemaPath.startsWith(prefix)) return undefined;
  if (error.instancePath !== union.instancePath && !error.instancePath.startsWith(`${union.instancePath}/`)) return undefined;
  const index = Number(error.schemaPath.slice(prefix.length).split('/')[0]);
  return Number.isInteger(index) ? index : undefined;
}

function chooseBranch(union: ErrorObject, byBranch: Map<number, ErrorObject[]>): number | undefined {
  const branches = (union.schema ?? []) as JsonSchema[];
  const fitting = branches.map((schema, index) => ({ schema, index })).filter(({ schema }) => acceptsTypeOf(schema, union.data));
  if (fitting.length === 0) return undefined;
  const errorCount = (index: number) => byBranch.get(index)?.length ?? 0;
  return fitting.reduce((best, candidate) => (errorCount(candidate.index) < errorCount(best.index) ? candidate : best)).index;
}

/** Needs errors produced with `verbose: true` (for the union's data and branch schemas). */
export function reduceUnionErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  let remaining = [...errors];
  // Outer unions first: dropping an outer branch drops the inner unions inside it too.
  const unions = errors.filter((error) => error.keyword === 'anyOf').sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!remaining.includes(union)) continue;
    const byBranch = new Map<number, ErrorObject[]>();
    for (const error of remaining) {
      const branch = branchOf(error, union);
      if (branch !== undefined) byBranch.set(branch, [...(byBranch.get(branch) ?? []), error]);
    }
    const chosen = chooseBranch(union, byBranch);
    remaining = remaining.filter((error) => {
      const branch = branchOf(error, union);
      if (branch !== undefined) return branch === chosen;
      return error !== union || chosen === undefined;
    });
  }
  return remaining;
}
