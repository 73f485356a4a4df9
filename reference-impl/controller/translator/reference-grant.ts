// ReferenceGrant check: a reference from one namespace into another is allowed only when a grant in
// the target namespace names the referring kind and namespace, and the target kind (and name, if set).
import type { ReferenceGrantObject } from './snapshot.ts';

export interface CrossNamespaceReference {
  from: { group: string; kind: string; namespace: string };
  to: { group: string; kind: string; namespace: string; name: string };
}

export function referencePermitted(reference: CrossNamespaceReference, grantsInTargetNamespace: ReferenceGrantObject[] | undefined): boolean {
  if (reference.from.namespace === reference.to.namespace) return true;
  return (grantsInTargetNamespace ?? []).some((grant) => grantAllows(grant, reference));
}

function grantAllows(grant: ReferenceGrantObject, reference: CrossNamespaceReference): boolean {
  const fromMatches = grant.spec.from.some(
    (from) => from.group === reference.from.group && from.kind === reference.from.kind && from.namespace === reference.from.namespace,
  );
  if (!fromMatches) return false;
  return grant.spec.to.some(
    (to) => normalizeGroup(to.group) === normalizeGroup(reference.to.group) && to.kind === reference.to.kind && (!to.name || to.name === reference.to.name),
  );
}

/** The core group may be written "" or "core". */
function normalizeGroup(group: string): string {
  return group === 'core' ? '' : group;
}
