// Validating admission by ValidatingAdmissionPolicies, run on every write after the object is validated
// (as the Kubernetes API server orders it, dry runs included). Each policy whose matchConstraints match, through
// each of its bindings whose matchResources match, is evaluated; its failures are denied (403/422 Status
// naming policy and binding, reason from the validation), or returned as warnings, per the binding's
// validationActions. Policies and bindings do not apply to the admission registration objects themselves.

import { ApiError, qualifiedResource } from '../../store/api-error.ts';
import { NAMESPACES_KEY } from '../built-in-resources.ts';
import type { ServerContext } from '../server-context.ts';
import type { AdmissionRequest } from './admission-request.ts';
import { evaluatePolicy, type PolicyFailure } from './policy-evaluation.ts';
import { BINDINGS_KEY, POLICIES_KEY, readBinding, readPolicy } from './policy-objects.ts';
import { type MatchingContext, matchesResources } from './resource-matching.ts';

const ADMISSION_GROUP = 'admissionregistration.k8s.io';

const CODE_OF_REASON: Record<string, number> = { Forbidden: 403, Unauthorized: 401, RequestEntityTooLarge: 413, Invalid: 422 };

interface Denial extends PolicyFailure {
  policy: string;
  binding: string;
}

function denialError(request: AdmissionRequest, denial: Denial): ApiError {
  const message = `ValidatingAdmissionPolicy '${denial.policy}' with binding '${denial.binding}' denied request: ${denial.message}`;
  const reason = (CODE_OF_REASON[denial.reason] === undefined ? 'Invalid' : denial.reason) as ApiError['reason'];
  const { group, resource } = request.info;
  return new ApiError(CODE_OF_REASON[reason] ?? 422, reason, `${qualifiedResource(group, resource)} "${request.name}" is forbidden: ${message}`, {
    name: request.name,
    group,
    kind: resource,
    causes: [{ message }],
  });
}

function matchingContext(ctx: ServerContext): MatchingContext {
  return {
    serves: (group, version, resource) => ctx.registry.find(group, version, resource) !== undefined,
    namespace: (name) => ctx.store.get(NAMESPACES_KEY, undefined, name),
  };
}

/** Throws the first denial; returns the warnings of Warn bindings. */
export function admitWrite(ctx: ServerContext, request: AdmissionRequest): string[] {
  if (request.info.group === ADMISSION_GROUP) return [];
  const policies = ctx.store.list(POLICIES_KEY).items.map(readPolicy);
  if (policies.length === 0) return [];
  const bindings = ctx.store.list(BINDINGS_KEY).items.map(readBinding);
  const matching = matchingContext(ctx);
  const warnings: string[] = [];
  const denials: Denial[] = [];
  for (const policy of policies) {
    if (policy.matchConstraints === undefined || !matchesResources(policy.matchConstraints, request, matching)) continue;
    for (const binding of bindings.filter((candidate) => candidate.policyName === policy.name)) {
      if (binding.matchResources !== undefined && !matchesResources(binding.matchResources, request, matching)) continue;
      for (const failure of evaluatePolicy(ctx, policy, binding, request)) {
        if (binding.validationActions.includes('Deny')) denials.push({ ...failure, policy: policy.name, binding: binding.name });
        if (binding.validationActions.includes('Warn')) {
          warnings.push(`Validation failed for ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}': ${failure.message}`);
        }
      }
    }
  }
  const [first] = denials;
  if (first !== undefined) throw denialError(request, first);
  return warnings;
}
