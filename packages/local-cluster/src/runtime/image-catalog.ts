// The local cluster's "image registry": which entry script a container of an image runs. The embedding
// program passes its catalog in (Gauntlet maps its own images and upstream's conformance images); any tag or
// digest is accepted, only the repository part counts. An entry may also name an image the embedding program
// knows it cannot stand in for, with the reason: its containers then say that reason rather than a generic one.

/** An image the cluster runs: `node <script>` stands in for the image's entrypoint. */
export interface RunnableImage {
  /** Repository part of the image reference, without tag or digest (`registry.k8s.io/gateway-api/echo-basic`). */
  repository: string;
  /** Absolute path of the script `node` runs for a container of this image. */
  script: string;
}

/** An image known to have no stand-in: its containers wait with ErrImagePull and this explanation. */
export interface UnavailableImage {
  repository: string;
  /** Why it cannot run here and what to use instead, e.g. "the mesh profile is out of scope: use a real cluster". */
  unavailable: string;
}

export type ImageCatalogEntry = RunnableImage | UnavailableImage;

/** What a container of an image runs, or the waiting message of one that cannot run. */
export type ImageResolution = { script: string } | { refusal: string };

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

  /** The entry script for `image`, or the message its container waits with when the local cluster cannot run it. */
  resolve(image: string): ImageResolution {
    const repository = imageRepository(image.trim());
    const entry = this.entries.find((candidate) => candidate.repository === repository);
    if (entry && 'script' in entry) return { script: entry.script };
    if (entry) return { refusal: `image "${image}" cannot run in the local cluster: ${entry.unavailable}` };
    return { refusal: this.unknownImageMessage(image) };
  }

  /** The entry script for `image`, or undefined when the local cluster cannot run it. */
  scriptFor(image: string): string | undefined {
    const resolution = this.resolve(image);
    return 'script' in resolution ? resolution.script : undefined;
  }

  /** The waiting message of a container whose image is not in the catalog: says what runs and what to do. */
  unknownImageMessage(image: string): string {
    const known = this.entries.flatMap((entry) => ('script' in entry ? [`${entry.repository}:<tag>`] : [])).join(', ');
    return (
      `image "${image}" cannot run in the local cluster: it runs only the images of its catalog ` +
      `(${known || 'none'}) as local processes; use a real cluster (kind, k3s or a kubeconfig) for other images`
    );
  }
}
