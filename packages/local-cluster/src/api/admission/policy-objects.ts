// The parts of ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding (admissionregistration.k8s.io/v1)
// the API server enforces, read defensively from stored objects: a field of the wrong type reads as absent.

import type { KubeObject } from '../../store/object-store-contract.ts';

type Json = Record<string, unknown>;

export const POLICIES_KEY = { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicies' };
export const BINDINGS_KEY = { group: 'admissionregistration.k8s.io', resource: 'validatingadmissionpolicybindings' };

export interface RuleWithOperations {
  apiGroups: string[];
  apiVersions: string[];
  operations: string[];
  resources: string[];
  resourceNames: string[];
  scope: string;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface MatchResources {
  resourceRules: RuleWithOperations[];
  excludeResourceRules: RuleWithOperations[];
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  /** Equivalent (default): a rule naming one version of a resource matches requests in any served version. */
  matchPolicy: string;
}

export interface NamedExpression {
  name: string;
  expression: string;
}

export interface Validation {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
}

export interface Policy {
  name: string;
  /** The expressions the policy compiles, as one text: compiled programs are cached under it. */
  programKey: string;
  failurePolicy: 'Fail' | 'Ignore';
  matchConstraints: MatchResources | undefined;
  paramKind: { apiVersion: string; kind: string } | undefined;
  matchConditions: NamedExpression[];
  variables: NamedExpression[];
  validations: Validation[];
  auditAnnotations: { key: string; valueExpression: string }[];
}

export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: LabelSelector;
  parameterNotFoundAction: 'Allow' | 'Deny';
}

export interface Binding {
  name: string;
  policyName: string;
  paramRef: ParamRef | undefined;
  matchResources: MatchResources | undefined;
  validationActions: string[];
}

const map = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(map) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function rule(raw: Json): RuleWithOperations {
  return {
    apiGroups: strings(raw.apiGroups),
    apiVersions: strings(raw.apiVersions),
    operations: strings(raw.operations),
    resources: strings(raw.resources),
    resourceNames: strings(raw.resourceNames),
    scope: text(raw.scope) ?? '*',
  };
}

function selector(raw: unknown): LabelSelector | undefined {
  return raw === undefined || raw === null ? undefined : (map(raw) as LabelSelector);
}

function matchResources(raw: unknown): MatchResources | undefined {
  if (raw === undefined || raw === null) return undefined;
  const spec = map(raw);
  const result: MatchResources = {
    resourceRules: list(spec.resourceRules).map(rule),
    excludeResourceRules: list(spec.excludeResourceRules).map(rule),
    matchPolicy: text(spec.matchPolicy) ?? 'Equivalent',
  };
  const namespaceSelector = selector(spec.namespaceSelector);
  const objectSelector = selector(spec.objectSelector);
  if (namespaceSelector) result.namespaceSelector = namespaceSelector;
  if (objectSelector) result.objectSelector = objectSelector;
  return result;
}

const named = (raw: Json[]): NamedExpression[] => raw.map((entry) => ({ name: text(entry.name) ?? '', expression: text(entry.expression) ?? '' }));

export function readPolicy(object: KubeObject): Policy {
  const spec = map(object.spec);
  const paramKind = map(spec.paramKind);
  return {
    name: object.metadata.name,
    programKey: JSON.stringify([spec.matchConditions, spec.variables, spec.validations]),
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    matchConstraints: matchResources(spec.matchConstraints),
    paramKind: typeof paramKind.kind === 'string' ? { apiVersion: text(paramKind.apiVersion) ?? '', kind: paramKind.kind } : undefined,
    matchConditions: named(list(spec.matchConditions)),
    variables: named(list(spec.variables)),
    validations: list(spec.validations).map((raw) => {
      const validation: Validation = { expression: text(raw.expression) ?? '' };
      for (const field of ['message', 'messageExpression', 'reason'] as const) {
        const value = text(raw[field]);
        if (value !== undefined) validation[field] = value;
      }
      return validation;
    }),
    auditAnnotations: list(spec.auditAnnotations).map((raw) => ({ key: text(raw.key) ?? '', valueExpression: text(raw.valueExpression) ?? '' })),
  };
}

export function readBinding(object: KubeObject): Binding {
  const spec = map(object.spec);
  const rawRef = spec.paramRef === undefined || spec.paramRef === null ? undefined : map(spec.paramRef);
  let paramRef: ParamRef | undefined;
  if (rawRef) {
    paramRef = { parameterNotFoundAction: rawRef.parameterNotFoundAction === 'Allow' ? 'Allow' : 'Deny' };
    const name = text(rawRef.name);
    const namespace = text(rawRef.namespace);
    const refSelector = selector(rawRef.selector);
    if (name !== undefined) paramRef.name = name;
    if (namespace !== undefined) paramRef.namespace = namespace;
    if (refSelector) paramRef.selector = refSelector;
  }
  return {
    name: object.metadata.name,
    policyName: text(spec.policyName) ?? '',
    paramRef,
    matchResources: matchResources(spec.matchResources),
    validationActions: strings(spec.validationActions),
  };
}
