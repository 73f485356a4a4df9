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
  /** Why the expression cannot work here: a compile error, or functions this CEL environment lacks. */
  problem: string | undefined;
}

export interface CompiledPolicy {
  matchConditions: { name: string; program: Program }[];
  variables: { name: string; program: Program }[];
  validations: { validation: Validation; program: Program; message: Program | undefined }[];
}

const environment = celEnv({ funcs: [...strings, ...kubernetesCelFunctions] });

/** Calls that are operators or macros, not functions the environment resolves. */
const MACROS = new Set(['has', 'all', 'exists', 'exists_one', 'map', 'filter']);

/**
 * The functions an expression calls that the environment does not have (Kubernetes' url, quantity, lists, ...).
 * They fail only when evaluated: found here, a policy's create can say so at once.
 */
function missingFunctions(parsed: unknown): string[] {
  const missing = new Set<string>();
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const { case: kind, value } = node as { case?: unknown; value?: { function?: unknown; target?: { exprKind?: { case?: unknown; value?: { name?: unknown } } } } };
    const name = kind === 'callExpr' ? value?.function : undefined;
    // A namespaced function (format.dns1123Label()) parses as a call on an identifier.
    const target = value?.target?.exprKind;
    const qualified = target?.case === 'identExpr' && typeof target.value?.name === 'string' ? `${target.value.name}.${String(name)}` : undefined;
    const known = (candidate: string | undefined) => candidate !== undefined && environment.funcs.find(candidate) !== undefined;
    if (typeof name === 'string' && !/^[_@!]/.test(name) && !MACROS.has(name) && !known(name) && !known(qualified)) missing.add(name);
    for (const child of Object.values(node)) walk(child);
  };
  walk(parsed);
  return [...missing].sort();
}

export function compile(expression: string): Program {
  try {
    const parsed = parse(expression);
    const evaluate = plan(environment, parsed);
    const run = (bindings: Bindings): Outcome => {
      try {
        const value = evaluate(bindings);
        return isCelError(value) ? { error: `expression '${expression}' resulted in error: ${value.message}` } : { value };
      } catch (error) {
        return { error: `expression '${expression}' resulted in error: ${error instanceof Error ? error.message : String(error)}` };
      }
    };
    const missing = missingFunctions(parsed);
    return { expression, run, problem: missing.length === 0 ? undefined : `calls functions this local cluster's CEL does not have: ${missing.join(', ')}` };
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
