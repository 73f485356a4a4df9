// The params of a policy with a paramKind: the objects its binding's paramRef names (by name, or by label
// selector), looked up in the param namespace (the paramRef's, else the request's for a namespaced kind).
// None found: parameterNotFoundAction says whether that is a failure or nothing to check.

import type { KubeObject } from '../../store/object-store-contract.ts';
import type { ResourceInfo } from '../resource-info.ts';
import { storeKeyOf } from '../resource-info.ts';
import type { ServerContext } from '../server-context.ts';
import type { AdmissionRequest } from './admission-request.ts';
import { selectorMatches } from './label-selector-match.ts';
import type { Binding, Policy } from './policy-objects.ts';

export type ParamsOutcome = { params: (KubeObject | null)[] } | { failure: string };

function paramResource(ctx: ServerContext, apiVersion: string, kind: string): ResourceInfo | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return ctx.registry.resourcesOf(group, version).find((info) => info.kind === kind);
}

export function paramsFor(ctx: ServerContext, policy: Policy, binding: Binding, request: AdmissionRequest): ParamsOutcome {
  if (policy.paramKind === undefined) return { params: [null] };
  const { apiVersion, kind } = policy.paramKind;
  const info = paramResource(ctx, apiVersion, kind);
  if (info === undefined) return { failure: `failed to find resource referenced by paramKind: '${apiVersion}, Kind=${kind}' (it is not served by this cluster)` };
  const ref = binding.paramRef;
  if (ref === undefined) return { failure: `binding '${binding.name}' has no paramRef, but policy '${policy.name}' has paramKind ${kind}` };
  const namespace = info.namespaced ? (ref.namespace ?? request.namespace) : undefined;
  if (info.namespaced && namespace === undefined) {
    return { failure: 'cannot use a namespaced paramRef without paramRef.namespace for a request on a cluster-scoped resource' };
  }
  let found: KubeObject[];
  if (ref.name !== undefined) {
    const object = ctx.store.get(storeKeyOf(info), namespace, ref.name);
    found = object === undefined ? [] : [object];
  } else {
    found = ctx.store.list(storeKeyOf(info), namespace).items.filter((object) => selectorMatches(ref.selector, object.metadata.labels));
  }
  if (found.length > 0) return { params: found };
  if (ref.parameterNotFoundAction === 'Allow') return { params: [] };
  return { failure: 'no params found for policy binding with `Deny` parameterNotFoundAction' };
}
