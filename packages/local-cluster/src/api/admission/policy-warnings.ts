// What this API server cannot enforce of a ValidatingAdmissionPolicy or binding, said plainly in Warning
// headers when one is created or updated (kubectl prints them): expressions that do not compile here,
// `authorizer` (there is no authorization), auditAnnotations and the Audit action (there is no audit log), and
// rules or a paramKind naming resources this cluster does not serve.

import type { KubeObject } from '../../store/object-store-contract.ts';
import type { ServerContext } from '../server-context.ts';
import { readBinding, readPolicy } from './policy-objects.ts';
import { compileProblems } from './policy-programs.ts';

function isServed(ctx: ServerContext, group: string, resource: string): boolean {
  return ctx.registry.findAnyVersion(group, resource) !== undefined;
}

/** Resources a rule names (not "*") that none of its API groups serves, as "jobs (batch)". */
function unservedResources(ctx: ServerContext, object: KubeObject): string[] {
  const rules = readPolicy(object).matchConstraints?.resourceRules ?? [];
  const unserved = new Set<string>();
  for (const rule of rules) {
    if (rule.apiGroups.includes('*')) continue;
    for (const resource of rule.resources.map((r) => r.split('/')[0] ?? '').filter((r) => r !== '*' && r !== '')) {
      if (!rule.apiGroups.some((group) => isServed(ctx, group, resource))) unserved.add(`${resource} (${rule.apiGroups.map((g) => g || 'core').join(', ')})`);
    }
  }
  return [...unserved];
}

function policyWarnings(ctx: ServerContext, object: KubeObject): string[] {
  const policy = readPolicy(object);
  const subject = `ValidatingAdmissionPolicy ${policy.name}`;
  const failing = policy.failurePolicy === 'Fail' ? 'requests it matches are denied (failurePolicy Fail)' : 'it is skipped (failurePolicy Ignore)';
  const warnings = compileProblems(policy).map((problem) => `${subject}: ${problem}; ${failing}`);
  const expressions = [...policy.matchConditions, ...policy.variables].map((e) => e.expression).concat(policy.validations.flatMap((v) => [v.expression, v.messageExpression ?? '']));
  if (expressions.some((expression) => /\bauthorizer\b/.test(expression))) {
    warnings.push(`${subject}: authorizer is not available in this local cluster (it has no authorization); expressions using it fail and ${failing}`);
  }
  if (policy.auditAnnotations.length > 0) warnings.push(`${subject}: auditAnnotations are not recorded: this local cluster keeps no audit log`);
  const unserved = unservedResources(ctx, object);
  if (unserved.length > 0) warnings.push(`${subject}: matchConstraints name resources this local cluster does not serve (${unserved.join(', ')}): nothing there is validated until they are served`);
  if (policy.paramKind !== undefined) {
    const { apiVersion, kind } = policy.paramKind;
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const served = ctx.registry.groups().concat([{ group: '', versions: ['v1'] }]).some((g) => g.group === group && g.versions.some((v) => ctx.registry.resourcesOf(group, v).some((info) => info.kind === kind)));
    if (!served) warnings.push(`${subject}: paramKind ${apiVersion} ${kind} is not served by this local cluster: ${failing}`);
  }
  return warnings;
}

function bindingWarnings(object: KubeObject): string[] {
  const binding = readBinding(object);
  if (!binding.validationActions.includes('Audit')) return [];
  return [`ValidatingAdmissionPolicyBinding ${binding.name}: validationAction Audit is not enforced: this local cluster keeps no audit log (Deny and Warn are)`];
}

/** Warnings for a write of a policy or binding; none for other objects. */
export function admissionObjectWarnings(ctx: ServerContext, resource: string, object: KubeObject): string[] {
  if (resource === 'validatingadmissionpolicies') return policyWarnings(ctx, object);
  if (resource === 'validatingadmissionpolicybindings') return bindingWarnings(object);
  return [];
}
