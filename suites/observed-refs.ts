// Which objects a failed step's report shows the status of: the step's own subject first (the awaited object,
// the Gateway its traffic went through), then every Gateway API object the scenario had applied by then.
// Other kinds (Services, Secrets, ConfigMaps) are left out: their status says little about a gateway, and a
// Secret must never reach a report.
import { type ObjectRef, refOf } from '../harness/kube/kube-client.ts';
import { gatewayApiVersions } from '../harness/scenario/kind-api-versions.ts';
import type { AwaitedObject, GatewayTarget, LocatedManifest } from '../harness/scenario/scenario-types.ts';

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export function awaitedRef(awaited: AwaitedObject): ObjectRef {
  const apiVersion = gatewayApiVersions[awaited.kind] ?? `${GATEWAY_API_GROUP}/v1`;
  return { apiVersion, kind: awaited.kind, ...(awaited.namespace === '' ? {} : { namespace: awaited.namespace }), name: awaited.name };
}

export function gatewayRef(target: Pick<GatewayTarget, 'gateway'>): ObjectRef {
  return { apiVersion: gatewayApiVersions.Gateway ?? `${GATEWAY_API_GROUP}/v1`, kind: 'Gateway', namespace: target.gateway.namespace, name: target.gateway.name };
}

/** The step's subjects, then the Gateway API objects among `applied`, in apply order. */
export function refsToObserve(subjects: readonly ObjectRef[], applied: readonly LocatedManifest[]): ObjectRef[] {
  const gatewayApiObjects = applied.filter(({ object }) => object.apiVersion.split('/')[0] === GATEWAY_API_GROUP).map(({ object }) => refOf(object));
  return [...subjects, ...gatewayApiObjects];
}
