// The local cluster's "image registry": the project's own images, each mapped to the TypeScript entry
// script a pod of that image runs. Any tag or digest is accepted; only the repository part counts.

export interface ImageEntry {
  /** Repository part of the image reference, without tag or digest. */
  repository: string;
  /** Entry script, relative to the repository root. */
  script: string;
}

export const IMAGE_CATALOG: readonly ImageEntry[] = [
  { repository: 'gateway-gauntlet/echo', script: 'reference-impl/echo/main.ts' },
  // The upstream conformance echo server: manifests written for upstream run unchanged.
  { repository: 'gcr.io/k8s-staging-gateway-api/echo-basic', script: 'reference-impl/echo/main.ts' },
  { repository: 'gateway-gauntlet/controller', script: 'reference-impl/controller/main.ts' },
  { repository: 'gateway-gauntlet/proxy', script: 'reference-impl/proxy/main.ts' },
];

/** `registry:5000/a/b:tag@sha256:...` -> `registry:5000/a/b`. A colon before the last slash is a registry port. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  // docker.io/ is implied for Docker Hub names; the catalog spells repositories without it.
  return repository.replace(/^(docker\.io\/)(library\/)?/, '');
}

/** The entry script for `image`, or undefined when the local cluster cannot run it. */
export function entryScriptFor(image: string): string | undefined {
  const repository = imageRepository(image.trim());
  return IMAGE_CATALOG.find((entry) => entry.repository === repository)?.script;
}

/** The waiting message of a container whose image is not in the catalog: says what runs and what to do. */
export function unknownImageMessage(image: string): string {
  const known = IMAGE_CATALOG.map((entry) => `${entry.repository}:<tag>`).join(', ');
  return (
    `image "${image}" cannot run in the gauntlet local cluster: it runs only the project's own images ` +
    `(${known}) as local processes; use a kind or kubeconfig cluster (--cluster kind|kubeconfig) for other images`
  );
}
