// The CEL programs of an admission policy, compiled once per set of expressions: match conditions, variables,
// validations and their message expressions, in the environment CRD rules use (strings extension, RE2
// regular expressions, the Kubernetes functions of crd/kubernetes-cel-library.ts). An expression that does not
// compile is kept as its error: evaluating it fails, and the policy's failurePolicy decides.

import { type CelInput, celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { kubernetesCelFunctions } from '../../crd/kubernetes-cel-library.ts';
import type { NamedExpression, Policy, Validation } from './policy-objects.ts';

export type Bindings = Record<string, CelInput>;

/** A result or the reason there is none. */
export type Outcome = { value: unknown } | { error: string };

export interface Program {
  expression: string;
  run(bindings: Bindings): Outcome;
  /** The compile error, when the expression did not compile. */
  problem: string | undefined;
}

export interface CompiledPolicy {
  matchConditions: { name: string; program: Program }[];
  variables: { name: string; program: Program }[];
  validations: { validation: Validation; program: Program; message: Program | undefined }[];
}

const environment = celEnv({ funcs: [...strings, ...kubernetesCelFunctions] });

export function compile(expression: string): Program {
  try {
    const evaluate = plan(environment, parse(expression));
    const run = (bindings: Bindings): Outcome => {
      try {
        const value = evaluate(bindings);
        return isCelError(value) ? { error: `expression '${expression}' resulted in error: ${value.message}` } : { value };
      } catch (error) {
        return { error: `expression '${expression}' resulted in error: ${error instanceof Error ? error.message : String(error)}` };
      }
    };
    return { expression, run, problem: undefined };
  } catch (error) {
    const problem = `compilation failed: ${error instanceof Error ? error.message : String(error)}`;
    return { expression, run: () => ({ error: `expression '${expression}' ${problem}` }), problem };
  }
}

const compiled = new Map<string, CompiledPolicy>();
const COMPILED_LIMIT = 256;

export function compiledPolicy(policy: Policy): CompiledPolicy {
  const cached = compiled.get(policy.programKey);
  if (cached !== undefined) return cached;
  const named = (expressions: NamedExpression[]) => expressions.map(({ name, expression }) => ({ name, program: compile(expression) }));
  const result: CompiledPolicy = {
    matchConditions: named(policy.matchConditions),
    variables: named(policy.variables),
    validations: policy.validations.map((validation) => ({
      validation,
      program: compile(validation.expression),
      message: validation.messageExpression === undefined ? undefined : compile(validation.messageExpression),
    })),
  };
  compiled.set(policy.programKey, result);
  if (compiled.size > COMPILED_LIMIT) compiled.delete(compiled.keys().next().value ?? '');
  return result;
}

/** Every compile error of a policy, each naming the expression, for the warnings of its create. */
export function compileProblems(policy: Policy): string[] {
  const program = compiledPolicy(policy);
  const all = [
    ...program.matchConditions.map(({ name, program: p }) => ({ where: `spec.matchConditions[${name}]`, p })),
    ...program.variables.map(({ name, program: p }) => ({ where: `spec.variables[${name}]`, p })),
    ...program.validations.flatMap(({ program: p, message }, index) => [
      { where: `spec.validations[${index}].expression`, p },
      ...(message ? [{ where: `spec.validations[${index}].messageExpression`, p: message }] : []),
    ]),
  ];
  return all.filter(({ p }) => p.problem !== undefined).map(({ where, p }) => `${where}: ${JSON.stringify(p.expression)} ${p.problem}`);
}
