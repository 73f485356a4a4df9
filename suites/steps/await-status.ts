// The "await status" step: every awaited object must reach its expected conditions (top-level, per listener,
// per route parent, per policy ancestor) at its current generation, and listeners removed from a Gateway must
// have left its status. A time-out reports expected versus got for each one.
import type { KubernetesObject } from '@kubernetes/client-node';
import { AwaitTimeoutError, awaitObject, type ObjectCheck } from '../../harness/kube/await-object.ts';
import { type Condition, conditionDifference, conditionsOf } from '../../harness/kube/conditions.ts';
import type { KubeClient } from '../../harness/kube/kube-client.ts';
import { gatewayApiVersions } from '../../harness/scenario/kind-api-versions.ts';
import type { AncestorConditions, AwaitedObject, ConditionExpectation, ListenerConditions, ParentConditions } from '../../harness/scenario/scenario-types.ts';
import { type Mismatch, mismatch } from '../../harness/traffic/mismatch.ts';
import { withComparisons } from '../step-details.ts';
import { awaitProvisioned } from './await-provisioned.ts';

export class UnknownAwaitKindError extends Error {
  readonly code = 'GAUNTLET_UNKNOWN_AWAIT_KIND';
  constructor(awaited: AwaitedObject) {
    super(
      `${awaited.source.file}:${awaited.source.line}: cannot await kind ${awaited.kind}; ` +
        `awaitable kinds: ${Object.keys(gatewayApiVersions).join(', ')}`,
    );
    this.name = 'UnknownAwaitKindError';
  }
}

export async function awaitStatus(kube: KubeClient, awaited: AwaitedObject, timeoutMs: number): Promise<void> {
  const apiVersion = gatewayApiVersions[awaited.kind];
  if (!apiVersion) throw new UnknownAwaitKindError(awaited);
  // Cluster-scoped kinds (GatewayClass) have no namespace.
  const ref = { apiVersion, kind: awaited.kind, ...(awaited.namespace === '' ? {} : { namespace: awaited.namespace }), name: awaited.name };
  try {
    const started = Date.now();
    await awaitObject(kube, ref, { expectation: describeExpectation(awaited), check: statusCheck(awaited), timeoutMs });
    if (awaited.provisioned) await awaitProvisioned(kube, awaited, awaited.provisioned, Math.max(1000, timeoutMs - (Date.now() - started)));
  } catch (error) {
    // Say which await of which scenario file timed out, not only which object.
    if (!(error instanceof AwaitTimeoutError)) throw error;
    const located = new AwaitTimeoutError(`${awaited.source.file}:${awaited.source.line}: ${error.message}`, error.lastSeen);
    const missing = [mismatch(`${awaited.kind} ${awaited.namespace ? `${awaited.namespace}/` : ''}${awaited.name}`, describeExpectation(awaited), 'the object does not exist')];
    throw withComparisons(located, error.lastSeen ? statusMismatches(awaited, error.lastSeen) : missing);
  }
}

export function statusCheck(awaited: AwaitedObject): ObjectCheck {
  return (object) => {
    const problems = statusMismatches(awaited, object);
    return problems.length === 0 ? true : problems.map((problem) => problem.text).join('; ');
  };
}

/** Every way the object's status differs from what is awaited; empty when it is all there. */
export function statusMismatches(awaited: AwaitedObject, object: KubernetesObject): Mismatch[] {
  const generation = object.metadata?.generation;
  return [
    ...compare('status', conditionsOf(object), awaited.conditions, generation),
    ...awaited.listeners.flatMap((listener) => compareListener(object, listener, generation)),
    ...awaited.parents.flatMap((parent) => compareParent(object, parent, generation)),
    ...(awaited.absentListeners ?? []).flatMap((name) =>
      listenersOf(object).some((listener) => listener.name === name) ? [mismatch(`listener ${name}`, 'no status entry', 'one')] : [],
    ),
    ...(awaited.ancestors ?? []).flatMap((ancestor) => compareAncestor(object, ancestor, generation)),
    ...compareAttachedListenerSets(object, awaited.attachedListenerSets),
    ...compareAddresses(object, awaited.addresses),
  ];
}

/** status.addresses: exactly the expected ones, in any order (a type not given matches any). */
function compareAddresses(object: KubernetesObject, expected: AwaitedObject['addresses']): Mismatch[] {
  if (expected === undefined) return [];
  const actual = (object as { status?: { addresses?: { type?: string; value: string }[] } }).status?.addresses ?? [];
  const describe = (list: { type?: string; value: string }[]) => (list.length === 0 ? 'none' : list.map((a) => (a.type ? `${a.value} (${a.type})` : a.value)).join(', '));
  const matches = (want: { type?: string; value: string }) => actual.some((a) => a.value === want.value && (want.type === undefined || a.type === want.type));
  return actual.length === expected.length && expected.every(matches) ? [] : [mismatch('addresses', describe(expected), describe(actual))];
}

/** status.attachedListenerSets, absent read as 0 (as upstream's conformance reads it). */
function compareAttachedListenerSets(object: KubernetesObject, expected: number | undefined): Mismatch[] {
  if (expected === undefined) return [];
  const actual = (object as { status?: { attachedListenerSets?: number } }).status?.attachedListenerSets ?? 0;
  return actual === expected ? [] : [mismatch('attachedListenerSets', `${expected}`, `${actual}`)];
}

interface PolicyAncestorStatus {
  ancestorRef: { name: string; namespace?: string };
  conditions?: Condition[];
}

/** The entry whose ancestorRef names the Gateway (a ref without a namespace is in the policy's own). */
function compareAncestor(object: KubernetesObject, expected: AncestorConditions, generation: number | undefined): Mismatch[] {
  const label = `ancestor ${expected.gateway.namespace}/${expected.gateway.name}`;
  const ancestors = (object as { status?: { ancestors?: PolicyAncestorStatus[] } }).status?.ancestors ?? [];
  const found = ancestors.find((entry) => entry.ancestorRef.name === expected.gateway.name && (entry.ancestorRef.namespace ?? object.metadata?.namespace) === expected.gateway.namespace);
  if (!found) return [mismatch(label, 'a status entry', `none (ancestors with status: ${ancestors.map((entry) => entry.ancestorRef.name).join(', ') || 'none'})`)];
  return compare(label, found.conditions ?? [], expected.conditions, generation);
}

function compareParent(object: KubernetesObject, expected: ParentConditions, generation: number | undefined): Mismatch[] {
  const label = `parent ${expected.parent.namespace}/${expected.parent.name}${expected.parent.sectionName ? `/${expected.parent.sectionName}` : ''}`;
  const parents = (object as { status?: { parents?: RouteParentStatus[] } }).status?.parents ?? [];
  const found = parents.find((status) => sameParent(status, expected, object.metadata?.namespace));
  if (!found) {
    const withStatus = parents.map((p) => p.parentRef.name).join(', ') || 'none';
    return [{ field: label, expected: 'a status entry', actual: `none (parents with status: ${withStatus})`, text: `${label}: no status entry (parents with status: ${withStatus})` }];
  }
  return compare(label, found.conditions ?? [], expected.conditions, generation);
}

interface RouteParentStatus {
  parentRef: { name: string; namespace?: string; sectionName?: string; port?: number };
  conditions?: Condition[];
}

function sameParent(status: RouteParentStatus, expected: ParentConditions, routeNamespace: string | undefined): boolean {
  const ref = status.parentRef;
  return (
    ref.name === expected.parent.name &&
    (ref.namespace ?? routeNamespace) === expected.parent.namespace &&
    (expected.parent.sectionName === undefined || ref.sectionName === expected.parent.sectionName) &&
    (expected.parent.port === undefined || ref.port === expected.parent.port)
  );
}

interface ListenerStatus {
  name: string;
  attachedRoutes?: number;
  supportedKinds?: { kind: string }[];
  conditions?: Condition[];
}

function listenersOf(object: KubernetesObject): ListenerStatus[] {
  return (object as { status?: { listeners?: ListenerStatus[] } }).status?.listeners ?? [];
}

function compareListener(object: KubernetesObject, expected: ListenerConditions, generation: number | undefined): Mismatch[] {
  const label = `listener ${expected.name}`;
  const found = listenersOf(object).find((listener) => listener.name === expected.name);
  const problems = compare(label, found?.conditions ?? [], expected.conditions, generation);
  if (expected.attachedRoutes !== undefined && found?.attachedRoutes !== expected.attachedRoutes) {
    problems.push(mismatch(`${label}`, `attachedRoutes ${expected.attachedRoutes}`, `${found?.attachedRoutes ?? 'none'}`));
  }
  if (expected.supportedKinds !== undefined) {
    // As upstream's conformance compares them: every expected kind must be listed, and an implementation may
    // list more (an HTTP listener of one that serves GRPCRoute lists it too); an empty list means none at all.
    const got = (found?.supportedKinds ?? []).map((kind) => kind.kind);
    const missing = expected.supportedKinds.filter((kind) => !got.includes(kind));
    const extraWhenNone = expected.supportedKinds.length === 0 && got.length > 0;
    if (missing.length > 0 || extraWhenNone) problems.push(mismatch(label, `supportedKinds including [${[...expected.supportedKinds].sort().join(', ')}]`, `[${[...got].sort().join(', ')}]`));
  }
  return problems;
}

function compare(label: string, actual: Condition[], expected: ConditionExpectation[], generation: number | undefined): Mismatch[] {
  return expected.flatMap((want) => {
    const difference = conditionDifference(actual, want, generation);
    return difference === undefined ? [] : [mismatch(label, difference.expected, difference.actual)];
  });
}

function describeExpectation(awaited: AwaitedObject): string {
  const parts = [
    ...awaited.conditions.map((c) => `${c.type}=${c.status}`),
    ...awaited.listeners.map((l) => `listener ${l.name} ${l.conditions.map((c) => `${c.type}=${c.status}`).join(',')}${l.attachedRoutes === undefined ? '' : ` attachedRoutes=${l.attachedRoutes}`}`),
    ...awaited.parents.map((p) => `parent ${p.parent.name} ${p.conditions.map((c) => `${c.type}=${c.status}`).join(',')}`),
    ...(awaited.absentListeners ?? []).map((name) => `no listener ${name}`),
    ...(awaited.ancestors ?? []).map((a) => `ancestor ${a.gateway.name} ${a.conditions.map((c) => `${c.type}=${c.status}`).join(',')}`),

    ...(awaited.attachedListenerSets === undefined ? [] : [`attachedListenerSets=${awaited.attachedListenerSets}`]),
    ...(awaited.addresses === undefined ? [] : [`addresses=${awaited.addresses.map((a) => a.value).join(',')}`]),
  ];
  return parts.join(', ') || 'to exist';
}
