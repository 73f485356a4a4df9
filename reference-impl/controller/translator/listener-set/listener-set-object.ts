// The ListenerSet as the translator reads it (gateway.networking.k8s.io/v1, standard channel since v1.5): a
// parent Gateway reference and listeners shaped like a Gateway's own, whose status has the same listener
// entries as a Gateway's and Accepted/Programmed conditions of its own.
import type { Condition, ListenerSpec, ListenerStatus, ObjectMeta } from '../snapshot.ts';

export const LISTENER_SET_KIND = 'ListenerSet';

/** spec.parentRef: always a Gateway (group and kind default to it); a ref without a namespace is the set's own. */
export interface ParentGatewayReference {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
}

export interface ListenerSetStatus {
  conditions?: Condition[];
  listeners?: ListenerStatus[];
}

export interface ListenerSetObject {
  metadata: ObjectMeta;
  spec: { parentRef: ParentGatewayReference; listeners?: ListenerSpec[] };
  status?: ListenerSetStatus;
}
