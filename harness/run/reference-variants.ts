// The GatewayClasses a run can install itself: the reference implementation (`gauntlet`), and an altered
// copy of it (`gauntlet-altered`) whose controller runs with DEVIATE set, so one behaviour differs from the
// specification (reference-impl/controller/deviation.ts). The altered copy is what a side-by-side run is shown
// and tested with: `gauntlet run --gateway-class gauntlet --gateway-class gauntlet-altered`. Both come from
// reference-impl/deploy/install.yaml; the altered one gets its own Deployment, pod labels, controller name and
// GatewayClass. The two provision proxies alike, so they are meant for separate clusters (each class of a
// side-by-side run on the local cluster gets its own).
import type { Deviation } from '../../reference-impl/controller/deviation.ts';
import type { KubeManifest, LocatedManifest } from '../kube/manifest.ts';
import { REFERENCE_CONTROLLER_NAME, REFERENCE_GATEWAY_CLASS } from './reference-class.ts';

export interface ReferenceVariant {
  gatewayClass: string;
  controllerName: string;
  deviation?: Deviation;
}

export const REFERENCE_VARIANTS: readonly ReferenceVariant[] = [
  { gatewayClass: REFERENCE_GATEWAY_CLASS, controllerName: REFERENCE_CONTROLLER_NAME },
  { gatewayClass: 'gauntlet-altered', controllerName: 'gauntlet.dev/altered-controller', deviation: 'equal-backend-weights' },
  { gatewayClass: 'gauntlet-slow', controllerName: 'gauntlet.dev/slow-controller', deviation: 'slow-proxy' },
];

export function referenceVariant(gatewayClass: string): ReferenceVariant | undefined {
  return REFERENCE_VARIANTS.find((variant) => variant.gatewayClass === gatewayClass);
}

interface ContainerShape {
  name: string;
  env?: { name: string; value?: string }[];
}

const CONTROLLER_LABEL = 'app.kubernetes.io/name';

function alterDeployment(object: KubeManifest, variant: ReferenceVariant, deviation: Deviation): KubeManifest {
  const name = `${variant.gatewayClass}-controller`;
  const copy = structuredClone(object) as KubeManifest & {
    metadata: { name: string; labels?: Record<string, string> };
    spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { containers: ContainerShape[] } } };
  };
  copy.metadata.name = name;
  copy.metadata.labels = { ...copy.metadata.labels, [CONTROLLER_LABEL]: name };
  // Its own pod labels: two controllers in one namespace must not select each other's pods.
  copy.spec.selector.matchLabels[CONTROLLER_LABEL] = name;
  copy.spec.template.metadata.labels[CONTROLLER_LABEL] = name;
  for (const container of copy.spec.template.spec.containers) {
    const env = (container.env ?? []).filter((entry) => entry.name !== 'CONTROLLER_NAME' && entry.name !== 'DEVIATE');
    container.env = [...env, { name: 'CONTROLLER_NAME', value: variant.controllerName }, { name: 'DEVIATE', value: deviation }];
  }
  return copy;
}

/** install.yaml's objects for the variant: unchanged for the reference class. */
export function variantManifests(install: readonly LocatedManifest[], variant: ReferenceVariant): LocatedManifest[] {
  const { deviation } = variant;
  if (deviation === undefined) return [...install];
  return install.map(({ object, source }) => {
    if (object.kind === 'Deployment') return { object: alterDeployment(object, variant, deviation), source };
    if (object.kind === 'GatewayClass') {
      const spec = { ...(object.spec as Record<string, unknown>), controllerName: variant.controllerName, description: `Gauntlet reference, altered: DEVIATE=${deviation}` };
      return { object: { ...object, metadata: { ...object.metadata, name: variant.gatewayClass }, spec }, source };
    }
    return { object, source };
  });
}
