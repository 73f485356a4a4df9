// x-kubernetes-validations: compiles every CEL rule of a version's schema once, then evaluates them on an
// object with `self` bound to the node the rule sits on (and `oldSelf` to the same node of the old object).
// Simplifications: no cost limits; transition rules (those naming oldSelf, with or without optionalOldSelf)
// run only when the old object has the node, as non-optional transition rules do in Kubernetes.
// Ratcheting (Kubernetes 1.30+, CRDValidationRatcheting): on an update, a rule without oldSelf does not run on a
// node equal to the old object's, since Kubernetes would drop its error anyway. That also spares a status write
// every rule under spec (an HTTPRoute's hundred-odd), which was most of the API server's CPU per status write.
import { type CelInput, celEnv, celError, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { jsonEqual } from '../api/patch/json-value.ts';
import { cachedRe2 } from './cel-regex-cache.ts';
import { toCelValue } from './cel-value.ts';
import { childPath, type FieldCause } from './field-cause.ts';
import { kubernetesCelFunctions } from './kubernetes-cel-library.ts';
import { isRecord, mapValueSchema, type StructuralSchema, schemaTypeName, type ValidationRule } from './structural-schema.ts';

type Program = (bindings: Record<string, CelInput>) => unknown;

interface CompiledRule {
  rule: ValidationRule;
  program: Program;
  messageProgram: Program | undefined;
  usesOldSelf: boolean;
}

const environment = celEnv({ funcs: [...strings, ...kubernetesCelFunctions], re2: cachedRe2 });

function compileExpression(expression: string): Program {
  const run = plan(environment, parse(expression));
  return (bindings) => run(bindings);
}

function compact(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export class CelRuleSet {
  readonly problems: string[] = [];
  readonly #rules = new WeakMap<StructuralSchema, CompiledRule[]>();
  /** The schema nodes at or below which some rule names oldSelf: unchanged nodes elsewhere are not walked. */
  readonly #transitionRulesBelow = new WeakSet<StructuralSchema>();
  readonly #where: string;
  readonly #root: StructuralSchema;

  /** `where` names the CRD and version in problem reports. */
  constructor(schema: StructuralSchema, where: string) {
    this.#where = where;
    this.#root = schema;
    this.#compileNode(schema, '');
  }

  #compileRule(rule: ValidationRule, path: string): CompiledRule | undefined {
    try {
      const messageProgram = rule.messageExpression === undefined ? undefined : compileExpression(rule.messageExpression);
      return { rule, program: compileExpression(rule.rule), messageProgram, usesOldSelf: /\boldSelf\b/.test(rule.rule) };
    } catch (error) {
      this.problems.push(
        `${this.#where}: the x-kubernetes-validations rule ${JSON.stringify(compact(rule.rule))} at ${path || '<root>'} does not compile (${(error as Error).message}); it is not enforced`,
      );
      return undefined;
    }
  }

  /** Returns whether a rule at or below `schema` names oldSelf. */
  #compileNode(schema: StructuralSchema, path: string): boolean {
    const rules = schema['x-kubernetes-validations'];
    let transition = false;
    if (Array.isArray(rules)) {
      const compiled = rules.flatMap((rule) => this.#compileRule(rule, path) ?? []);
      this.#rules.set(schema, compiled);
      transition = compiled.some((rule) => rule.usesOldSelf);
    }
    for (const [name, child] of Object.entries(schema.properties ?? {})) transition = this.#compileNode(child, childPath(path, name)) || transition;
    const values = mapValueSchema(schema);
    if (values !== undefined) transition = this.#compileNode(values, `${path}[*]`) || transition;
    if (schema.items !== undefined) transition = this.#compileNode(schema.items, `${path}[*]`) || transition;
    if (transition) this.#transitionRulesBelow.add(schema);
    return transition;
  }

  /** Evaluates every rule on `object` (defaults already applied); `old` is the stored object on updates. */
  evaluate(object: unknown, old: unknown): FieldCause[] {
    const causes: FieldCause[] = [];
    // Converted once: the walk hands each rule the matching sub-tree of these CEL values.
    const self = { json: object, cel: toCelValue(object, this.#root) };
    const oldSelf = old === undefined ? undefined : { json: old, cel: toCelValue(old, this.#root) };
    this.#walk(self, oldSelf, this.#root, '', causes);
    return causes;
  }

  #walk(node: Node, old: Node | undefined, schema: StructuralSchema, path: string, causes: FieldCause[]): void {
    const unchanged = old !== undefined && jsonEqual(node.json, old.json);
    if (unchanged && !this.#transitionRulesBelow.has(schema)) return;
    for (const compiled of this.#rules.get(schema) ?? []) {
      if (unchanged && !compiled.usesOldSelf) continue;
      const cause = this.#check(compiled, node, old, schema, path);
      if (cause !== undefined) causes.push(cause);
    }
    const { json, cel } = node;
    if (Array.isArray(json)) {
      const items = schema.items;
      if (items === undefined || !Array.isArray(cel)) return;
      const oldIndices = correlatedOldIndices(json, old?.json, schema);
      json.forEach((item, index) => {
        const oldIndex = oldIndices[index];
        this.#walk({ json: item, cel: cel[index] }, oldIndex === undefined ? undefined : childNode(old, oldIndex), items, childPath(path, index), causes);
      });
      return;
    }
    if (!isRecord(json)) return;
    const values = mapValueSchema(schema);
    for (const [key, child] of Object.entries(json)) {
      if (path === '' && key === 'metadata') continue;
      const declared = schema.properties?.[key];
      const childSchema = declared ?? values;
      if (childSchema === undefined || child === undefined) continue;
      const childPathText = declared !== undefined ? childPath(path, key) : `${path}[${key}]`;
      this.#walk({ json: child, cel: (cel as Map<string, unknown>).get(key) }, childNode(old, key), childSchema, childPathText, causes);
    }
  }

  #check(compiled: CompiledRule, node: Node, old: Node | undefined, schema: StructuralSchema, path: string): FieldCause | undefined {
    if (compiled.usesOldSelf && old === undefined) return undefined;
    const bindings: Record<string, CelInput> = { self: node.cel as CelInput };
    if (compiled.usesOldSelf && old !== undefined) bindings.oldSelf = old.cel as CelInput;
    const result = runSafely(compiled.program, bindings);
    const typeName = schemaTypeName(schema, node.json);
    const rule = compiled.rule;
    if (isCelError(result)) {
      return { field: path, reason: 'FieldValueInvalid', message: `Invalid value: "${typeName}": ${result.message} evaluating rule: ${compact(rule.rule)}` };
    }
    if (result === true) return undefined;
    return failureCause(rule, messageOf(compiled, bindings), typeName, joinFieldPath(path, rule.fieldPath));
  }
}

/** A node of the object in both forms: plain JSON (for walking) and its CEL value (for the rules). */
interface Node {
  json: unknown;
  cel: unknown;
}

/** The child `key` (field name or list index) of an old node, when it has one. */
function childNode(node: Node | undefined, key: string | number): Node | undefined {
  if (node === undefined) return undefined;
  if (typeof key === 'number') {
    return Array.isArray(node.json) && Array.isArray(node.cel) && key < node.json.length ? { json: node.json[key], cel: node.cel[key] } : undefined;
  }
  if (!isRecord(node.json) || !(node.cel instanceof Map) || node.json[key] === undefined) return undefined;
  return { json: node.json[key], cel: node.cel.get(key) };
}

/** The evaluator reports failures as values; a thrown exception (a bug in it) must not fail the whole request. */
function runSafely(program: Program, bindings: Record<string, CelInput>): unknown {
  try {
    return program(bindings);
  } catch (error) {
    return celError(error instanceof Error ? error.message : String(error));
  }
}

function messageOf(compiled: CompiledRule, bindings: Record<string, CelInput>): string {
  const computed = compiled.messageProgram === undefined ? undefined : runSafely(compiled.messageProgram, bindings);
  if (typeof computed === 'string' && computed.trim() !== '' && !computed.includes('\n')) return computed;
  return compiled.rule.message ?? `failed rule: ${compact(compiled.rule.rule)}`;
}

function failureCause(rule: ValidationRule, message: string, typeName: string, field: string): FieldCause {
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return { field, reason: 'FieldValueForbidden', message: `Forbidden: ${message}` };
    case 'FieldValueRequired':
      return { field, reason: 'FieldValueRequired', message: `Required value: ${message}` };
    case 'FieldValueDuplicate':
      return { field, reason: 'FieldValueDuplicate', message: `Duplicate value: ${message}` };
    default:
      return { field, reason: 'FieldValueInvalid', message: `Invalid value: "${typeName}": ${message}` };
  }
}

/** A rule's fieldPath (`.spec.port`, relative to the node) appended to the node's path. */
function joinFieldPath(path: string, fieldPath: string | undefined): string {
  if (fieldPath === undefined || fieldPath === '') return path;
  const relative = fieldPath.startsWith('.') ? fieldPath.slice(1) : fieldPath;
  return path === '' ? relative : `${path}.${relative}`;
}

/**
 * The index of the old element for each new element: map lists correlate by their keys, other lists (atomic,
 * set) do not, so transition rules below them do not run, as in Kubernetes.
 */
function correlatedOldIndices(list: unknown[], old: unknown, schema: StructuralSchema): (number | undefined)[] {
  const keys = schema['x-kubernetes-list-map-keys'];
  if (!Array.isArray(old) || schema['x-kubernetes-list-type'] !== 'map' || keys === undefined) return [];
  const identity = (element: unknown): string => JSON.stringify(keys.map((key) => (isRecord(element) ? element[key] : undefined) ?? null));
  const byKey = new Map(old.map((element, index) => [identity(element), index]));
  return list.map((element) => byKey.get(identity(element)));
}
