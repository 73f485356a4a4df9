// The local cluster's "image registry": which entry script a container of an image runs. The embedding
// program passes its catalog in (Gauntlet maps its own images and upstream's conformance images); any tag or
// digest is accepted, only the repository part counts.

export interface ImageCatalogEntry {
  /** Repository part of the image reference, without tag or digest (`registry.k8s.io/gateway-api/echo-basic`). */
  repository: string;
  /** Absolute path of the script `node` runs for a container of this image. */
  script: string;
}

/** `registry:5000/a/b:tag@sha256:...` -> `registry:5000/a/b`. A colon before the last slash is a registry port. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
  // docker.io/ is implied for Docker Hub names; the catalog spells repositories without it.
  return repository.replace(/^(docker\.io\/)(library\/)?/, '');
}

export class ImageCatalog {
  readonly entries: readonly ImageCatalogEntry[];

  constructor(entries: readonly ImageCatalogEntry[]) {
    this.entries = entries;
  }

  /** The entry script for `image`, or undefined when the local cluster cannot run it. */
  scriptFor(image: string): string | undefined {
    const repository = imageRepository(image.trim());
    return this.entries.find((entry) => entry.repository === repository)?.script;
  }

  /** The waiting message of a container whose image is not in the catalog: says what runs and what to do. */
  unknownImageMessage(image: string): string {
    const known = this.entries.map((entry) => `${entry.repository}:<tag>`).join(', ');
    return (
      `image "${image}" cannot run in the local cluster: it runs only the images of its catalog ` +
      `(${known || 'none'}) as local processes; use a real cluster (kind, k3s or a kubeconfig) for other images`
    );
  }
}
