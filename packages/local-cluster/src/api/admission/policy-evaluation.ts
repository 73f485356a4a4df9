// Evaluates one policy through one of its bindings on a write, as the Kubernetes API server does: for each
// param, the match conditions decide whether the policy applies (all true), then every validation must hold.
// A validation that evaluates false fails with its message (messageExpression first, then message, then
// "failed expression: ..."); one that errors (or a match condition that errors) fails only under
// failurePolicy Fail.

import { toCelValue } from '../../crd/cel-value.ts';
import type { StructuralSchema } from '../../crd/structural-schema.ts';
import type { KubeObject } from '../../store/object-store-contract.ts';
import { NAMESPACES_KEY } from '../built-in-resources.ts';
import type { ServerContext } from '../server-context.ts';
import { type AdmissionRequest, requestVariable } from './admission-request.ts';
import type { Binding, Policy } from './policy-objects.ts';
import { paramsFor } from './policy-params.ts';
import { type Bindings, type CompiledPolicy, compiledPolicy, type Outcome } from './policy-programs.ts';

export interface PolicyFailure {
  message: string;
  /** The Status reason the denial carries: the validation's, else Invalid. */
  reason: string;
}

function celOf(value: unknown, schema?: StructuralSchema): Bindings[string] {
  return (value === undefined ? null : toCelValue(value, schema)) as Bindings[string];
}

function baseBindings(ctx: ServerContext, request: AdmissionRequest, param: KubeObject | null): Bindings {
  const schema = request.info.validator?.schema;
  const namespace = request.namespace === undefined ? undefined : ctx.store.get(NAMESPACES_KEY, undefined, request.namespace);
  return {
    object: celOf(request.object, schema),
    oldObject: celOf(request.oldObject, schema),
    request: celOf(requestVariable(request)),
    params: celOf(param ?? undefined),
    namespaceObject: celOf(namespace),
  };
}

/** Variables in order (each may use the ones before it); a variable that fails fails the expressions using it. */
function withVariables(program: CompiledPolicy, bindings: Bindings): { bindings: Bindings; failed: Map<string, string> } {
  const values = new Map<string, unknown>();
  const failed = new Map<string, string>();
  const all = { ...bindings, variables: values as unknown as Bindings[string] };
  for (const { name, program: variable } of program.variables) {
    const outcome = variable.run(all);
    if ('error' in outcome) failed.set(name, outcome.error);
    else values.set(name, outcome.value);
  }
  return { bindings: all, failed };
}

function run(program: { expression: string; run(bindings: Bindings): Outcome }, bindings: Bindings, failed: Map<string, string>): Outcome {
  for (const [name, error] of failed) if (new RegExp(`\\bvariables\\.${name}\\b`).test(program.expression)) return { error };
  return program.run(bindings);
}

function failureMessage(entry: CompiledPolicy['validations'][number], bindings: Bindings, failed: Map<string, string>): string {
  const computed = entry.message === undefined ? undefined : run(entry.message, bindings, failed);
  const value = computed !== undefined && 'value' in computed ? computed.value : undefined;
  if (typeof value === 'string' && value.trim() !== '' && !value.includes('\n')) return value;
  return entry.validation.message ?? `failed expression: ${entry.validation.expression}`;
}

/** The failures of one param's evaluation; `onError` receives what failed to evaluate. */
function evaluateWith(program: CompiledPolicy, base: Bindings, onError: (message: string) => void): PolicyFailure[] {
  const { bindings, failed } = withVariables(program, base);
  for (const { name, program: condition } of program.matchConditions) {
    const outcome = run(condition, bindings, failed);
    if ('error' in outcome) {
      onError(`failed to evaluate match condition '${name}': ${outcome.error}`);
      return [];
    }
    if (outcome.value !== true) return [];
  }
  const failures: PolicyFailure[] = [];
  for (const entry of program.validations) {
    const outcome = run(entry.program, bindings, failed);
    if ('error' in outcome) onError(outcome.error);
    else if (typeof outcome.value !== 'boolean') onError(`expression '${entry.validation.expression}' resulted in error: it must evaluate to a bool, got ${typeof outcome.value}`);
    else if (!outcome.value) failures.push({ message: failureMessage(entry, bindings, failed), reason: entry.validation.reason ?? 'Invalid' });
  }
  return failures;
}

export function evaluatePolicy(ctx: ServerContext, policy: Policy, binding: Binding, request: AdmissionRequest): PolicyFailure[] {
  const failures: PolicyFailure[] = [];
  // As the real server: a policy that cannot be evaluated denies under failurePolicy Fail and is skipped under Ignore.
  const onError = (message: string) => {
    if (policy.failurePolicy === 'Fail') failures.push({ message, reason: 'Invalid' });
  };
  const params = paramsFor(ctx, policy, binding, request);
  if ('failure' in params) {
    onError(params.failure);
    return failures;
  }
  const program = compiledPolicy(policy);
  for (const param of params.params) failures.push(...evaluateWith(program, baseBindings(ctx, request, param), onError));
  return failures;
}
