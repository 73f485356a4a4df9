// The echo backends of the base fixture run the project's echo image on the local cluster; on a real
// cluster (kind, k3s, any kubeconfig) they run upstream's echo-basic image by default, the one upstream's
// conformance base manifests of the pinned release use, so results compare with upstream's (--echo-image
// chooses another). The project's echo is a drop-in for it: same environment variables, same answers.
import type { LocatedManifest } from '../kube/manifest.ts';

export const UPSTREAM_ECHO_IMAGE = 'registry.k8s.io/gateway-api/echo-basic:v1.5.1';
const PROJECT_ECHO = /^gateway-gauntlet\/echo(:|$)/;

interface PodTemplateShape {
  spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
}

/** The manifests with every container of the project's echo image switched to `image`. */
export function withEchoImage(manifests: readonly LocatedManifest[], image: string): LocatedManifest[] {
  return manifests.map(({ object, source }) => {
    const containers = (object as PodTemplateShape).spec?.template?.spec?.containers;
    if (object.kind !== 'Deployment' || !containers?.some((container) => PROJECT_ECHO.test(container.image ?? ''))) return { object, source };
    const copy = structuredClone(object) as typeof object & PodTemplateShape;
    for (const container of copy.spec?.template?.spec?.containers ?? []) if (PROJECT_ECHO.test(container.image ?? '')) container.image = image;
    return { object: copy, source };
  });
}
