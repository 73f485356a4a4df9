// Whether a write falls under an admission policy's matchConstraints or a binding's matchResources, as the
// Kubernetes API server decides it: a resource rule matching operation, group, version, resource (with
// "*", "*/*" and "<resource>/<subresource>" forms), scope and names, and no exclude rule matching; the
// namespace's labels (or a Namespace's own) for namespaceSelector; the object's old or new labels for
// objectSelector. Under matchPolicy Equivalent a rule matches any version of a resource it names a served
// version of.

import type { KubeObject } from '../../store/object-store-contract.ts';
import type { AdmissionRequest } from './admission-request.ts';
import { selectorMatches } from './label-selector-match.ts';
import type { MatchResources, RuleWithOperations } from './policy-objects.ts';

export interface MatchingContext {
  /** Whether group/resource is served in `version`. */
  serves(group: string, version: string, resource: string): boolean;
  namespace(name: string): KubeObject | undefined;
}

const anyOf = (values: string[], value: string) => values.includes('*') || values.includes(value);

function resourceMatches(resources: string[], resource: string, subresource: string): boolean {
  return resources.some((entry) => {
    const [name = '', sub = ''] = entry.split('/');
    return (name === '*' || name === resource) && (sub === '*' || sub === subresource);
  });
}

function ruleMatches(rule: RuleWithOperations, request: AdmissionRequest, matchPolicy: string, context: MatchingContext): boolean {
  const { info } = request;
  if (!anyOf(rule.operations, request.operation) || !anyOf(rule.apiGroups, info.group)) return false;
  const versionMatches =
    anyOf(rule.apiVersions, info.version) ||
    (matchPolicy !== 'Exact' && rule.apiVersions.some((version) => context.serves(info.group, version, info.resource)));
  if (!versionMatches || !resourceMatches(rule.resources, info.resource, request.subresource ?? '')) return false;
  const namespaced = info.namespaced && info.resource !== 'namespaces';
  if (rule.scope === 'Cluster' && namespaced) return false;
  if (rule.scope === 'Namespaced' && !namespaced) return false;
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(request.name);
}

function namespaceMatches(match: MatchResources, request: AdmissionRequest, context: MatchingContext): boolean {
  if (match.namespaceSelector === undefined) return true;
  if (request.info.group === '' && request.info.resource === 'namespaces') {
    return selectorMatches(match.namespaceSelector, (request.object ?? request.oldObject)?.metadata.labels);
  }
  if (!request.info.namespaced || request.namespace === undefined) return true;
  return selectorMatches(match.namespaceSelector, context.namespace(request.namespace)?.metadata.labels);
}

function objectMatches(match: MatchResources, request: AdmissionRequest): boolean {
  if (match.objectSelector === undefined) return true;
  return [request.object, request.oldObject].some((object) => object !== undefined && selectorMatches(match.objectSelector, object.metadata.labels));
}

/** A binding's matchResources without resource rules narrows nothing: the policy's constraints decide. */
export function matchesResources(match: MatchResources, request: AdmissionRequest, context: MatchingContext): boolean {
  if (match.resourceRules.length > 0 && !match.resourceRules.some((rule) => ruleMatches(rule, request, match.matchPolicy, context))) return false;
  if (match.excludeResourceRules.some((rule) => ruleMatches(rule, request, match.matchPolicy, context))) return false;
  return namespaceMatches(match, request, context) && objectMatches(match, request);
}
