// `await:` entries -> AwaitedObjects. Namespaces fall back to defaults.namespace (none for cluster-scoped
// kinds). `parents: accepted` stays pending here: it expands from the route's manifest, which is read later
// (expand-accepted-parents.ts).
import { ACCEPTED_PARENTS, type AwaitDocument, type ConditionDocument } from '../format/await-format.ts';
import { clusterScopedKinds } from '../kind-api-versions.ts';
import type { AwaitedObject, ConditionExpectation, ListenerConditions } from '../scenario-types.ts';
import type { YamlPath } from '../yaml-source.ts';
import type { BuildContext } from './build-context.ts';
import { objectRef } from './build-target.ts';

/** An awaited object whose `parents: accepted` is still to be expanded, with where it was written. */
export interface PendingAwait {
  awaited: AwaitedObject;
  acceptedParents: boolean;
  path: YamlPath;
}

function conditions(list: ConditionDocument[] | undefined): ConditionExpectation[] {
  return (list ?? []).map(({ type, status, reason }) => {
    // YAML reads an unquoted True as a boolean; accept it rather than make authors quote it.
    const text = status === true ? 'True' : status === false ? 'False' : status;
    return reason === undefined ? { type, status: text } : { type, status: text, reason };
  });
}

function listeners(list: AwaitDocument['listeners']): ListenerConditions[] {
  return (list ?? []).map((entry) => {
    const listener: ListenerConditions = { name: entry.name, conditions: conditions(entry.conditions) };
    if (entry.attachedRoutes !== undefined) listener.attachedRoutes = entry.attachedRoutes;
    if (entry.supportedKinds !== undefined) listener.supportedKinds = entry.supportedKinds;
    return listener;
  });
}

/** The namespace of an object named by kind and name (await, delete), or undefined after reporting why not. */
export function objectNamespace(ctx: BuildContext, kind: string, given: string | undefined, path: YamlPath): string | undefined {
  if (clusterScopedKinds.includes(kind)) {
    if (given !== undefined) ctx.report([...path, 'namespace'], `${kind} is cluster-scoped; remove namespace`, true);
    return '';
  }
  const namespace = given ?? ctx.defaults.namespace;
  if (namespace === undefined && !ctx.defaultsUnknown) ctx.report([...path, 'namespace'], `is required: ${kind} lives in a namespace (set it here or defaults.namespace)`);
  return namespace;
}

export function buildAwait(ctx: BuildContext, entry: AwaitDocument, path: YamlPath): PendingAwait {
  const parents = entry.parents === ACCEPTED_PARENTS || entry.parents === undefined ? [] : entry.parents;
  const namespace = objectNamespace(ctx, entry.kind, entry.namespace, path);
  const awaited: AwaitedObject = {
    kind: entry.kind,
    namespace: namespace ?? '',
    name: entry.name,
    conditions: conditions(entry.conditions),
    parents: parents.map((parent) => {
      const ref = { ...objectRef(parent.gateway), ...(parent.sectionName === undefined ? {} : { sectionName: parent.sectionName }), ...(parent.port === undefined ? {} : { port: parent.port }) };
      return { parent: ref, conditions: conditions(parent.conditions) };
    }),
    listeners: listeners(entry.listeners),
    ...(entry.absentListeners === undefined ? {} : { absentListeners: entry.absentListeners }),
    ...(entry.ancestors === undefined ? {} : { ancestors: entry.ancestors.map((ancestor) => ({ gateway: objectRef(ancestor.gateway), conditions: conditions(ancestor.conditions) })) }),
    ...(entry.attachedListenerSets === undefined ? {} : { attachedListenerSets: entry.attachedListenerSets }),
    ...(entry.addresses === undefined ? {} : { addresses: entry.addresses }),
    ...(entry.provisioned === undefined ? {} : { provisioned: { labels: entry.provisioned.labels ?? {}, annotations: entry.provisioned.annotations ?? {} } }),
    source: ctx.locate(path),
  };
  if (entry.addresses !== undefined && entry.kind !== 'Gateway') ctx.report([...path, 'addresses'], `applies to Gateways only (status.addresses), not ${entry.kind}; remove it`);
  if (entry.provisioned !== undefined && entry.kind !== 'Gateway') ctx.report([...path, 'provisioned'], `applies to Gateways only (what is provisioned for them), not ${entry.kind}; remove it`);
  // Without a namespace the route cannot be found: that problem is already reported.
  const acceptedParents = entry.parents === ACCEPTED_PARENTS && namespace !== undefined;
  const listed =
    awaited.conditions.length + awaited.parents.length + awaited.listeners.length + (awaited.absentListeners?.length ?? 0) + (awaited.ancestors?.length ?? 0) + (awaited.attachedListenerSets === undefined ? 0 : 1) +
    (awaited.provisioned === undefined ? 0 : 1) + (awaited.addresses?.length ?? 0);
  if (entry.parents !== ACCEPTED_PARENTS && listed === 0) {
    ctx.report(path, 'lists nothing to await; add conditions, parents (or parents: accepted), listeners, absentListeners, ancestors, attachedListenerSets, addresses or provisioned');
  }
  return { awaited, acceptedParents, path };
}
