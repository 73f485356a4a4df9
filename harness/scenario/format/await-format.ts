// `await:` entries: status an object must reach (at its current generation) before traffic is sent.
// `parents: accepted` is the short way to say Accepted=True and ResolvedRefs=True for every parentRef the
// route's manifest lists; the loader expands it from the scenario's own manifests.
import Type, { type Static } from 'typebox';
import { nonEmptyString, ObjectRef, Port } from './primitives.ts';

const ConditionStatus = Type.Union([Type.Enum(['True', 'False', 'Unknown']), Type.Boolean()], {
  description: '"True", "False" or "Unknown" (unquoted True and False are accepted)',
});

export const Condition = Type.Object(
  {
    type: nonEmptyString('the condition type, e.g. Accepted'),
    status: ConditionStatus,
    reason: Type.Optional(nonEmptyString('the reason; absent: any reason')),
  },
  { additionalProperties: false },
);

const Conditions = (description: string) => Type.Array(Condition, { description });

export const ParentExpectation = Type.Object(
  {
    gateway: ObjectRef('the parent Gateway: "namespace/name" or {namespace, name}'),
    sectionName: Type.Optional(nonEmptyString("the parentRef's sectionName")),
    port: Type.Optional(Port("the parentRef's port")),
    conditions: Conditions("conditions of the route's status.parents[] entry for this parentRef"),
  },
  { additionalProperties: false },
);

export const ACCEPTED_PARENTS = 'accepted';

/** A policy's status.ancestors entry for one Gateway (BackendTLSPolicy and the other policies). */
export const AncestorExpectation = Type.Object(
  {
    gateway: ObjectRef('the ancestor Gateway: "namespace/name" or {namespace, name}'),
    conditions: Conditions("conditions of the policy's status.ancestors[] entry for this Gateway"),
  },
  { additionalProperties: false },
);

export const ListenerExpectation = Type.Object(
  {
    name: nonEmptyString('the listener name'),
    conditions: Type.Optional(Conditions('status.listeners[name].conditions')),
    attachedRoutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'status.listeners[name].attachedRoutes' })),
    supportedKinds: Type.Optional(Type.Array(nonEmptyString('a kind'), { description: 'kinds status.listeners[name].supportedKinds must list, any order (it may list more, as upstream compares them); [] means none' })),
  },
  { additionalProperties: false },
);

export const AwaitEntry = Type.Object(
  {
    kind: nonEmptyString('Gateway, HTTPRoute, GatewayClass, ...'),
    namespace: Type.Optional(nonEmptyString('default defaults.namespace; none for cluster-scoped kinds')),
    name: nonEmptyString('the object name'),
    conditions: Type.Optional(Conditions('status.conditions')),
    parents: Type.Optional(
      Type.Union([Type.Literal(ACCEPTED_PARENTS), Type.Array(ParentExpectation)], {
        description: '"accepted" (Accepted and ResolvedRefs True on every parentRef of the route) or a list of parent entries',
      }),
    ),
    listeners: Type.Optional(Type.Array(ListenerExpectation, { description: 'per-listener status (Gateways)' })),
    absentListeners: Type.Optional(
      Type.Array(nonEmptyString('a listener name'), { minItems: 1, description: 'listeners that must have no status.listeners entry (Gateways; a listener removed from the spec)' }),
    ),
    ancestors: Type.Optional(Type.Array(AncestorExpectation, { minItems: 1, description: 'per-ancestor status (policies: status.ancestors, one entry per Gateway)' })),
    provisioned: Type.Optional(
      Type.Object(
        {
          labels: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'labels each provisioned object must carry' })),
          annotations: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'annotations each provisioned object must carry' })),
        },
        {
          additionalProperties: false,
          description:
            "Gateways: the Deployments, Services and Pods labelled gateway.networking.k8s.io/gateway-name=<name> in the Gateway's namespace (at least one) all carry these labels and annotations",
        },
      ),
    ),
    addresses: Type.Optional(
      Type.Array(
        Type.Object(
          {
            type: Type.Optional(nonEmptyString('the address type, e.g. IPAddress; absent: any type')),
            value: nonEmptyString('the address, e.g. 127.40.0.9 (the run fills in the USABLE_ADDRESS and UNUSABLE_ADDRESS placeholders)'),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, description: "a Gateway's status.addresses: exactly these, in any order (each value with its type when given)" },
      ),
    ),
    attachedListenerSets: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100_000, description: "a Gateway's status.attachedListenerSets: ListenerSets attached to it (an absent field counts as 0)" }),
    ),
  },
  { additionalProperties: false },
);

export type AwaitDocument = Static<typeof AwaitEntry>;
export type ConditionDocument = Static<typeof Condition>;
export type ParentDocument = Static<typeof ParentExpectation>;
export type ListenerDocument = Static<typeof ListenerExpectation>;
export type AncestorDocument = Static<typeof AncestorExpectation>;
