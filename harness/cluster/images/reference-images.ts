// Builds the reference implementation's images (controller, proxy, echo) from reference-impl/deploy/Dockerfile
// through testcontainers, on a chosen base image, so that kind and k3s clusters can load them and the
// container test can run them. Tags are gateway-gauntlet/<component>:<tag>, the names install.yaml and the
// controller's PROXY_IMAGE use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenericContainer } from 'testcontainers';
import { stageImageContext } from '../../../reference-impl/deploy/stage-image-context.ts';

export const REFERENCE_COMPONENTS = ['controller', 'proxy', 'echo'] as const;
export type ReferenceComponent = (typeof REFERENCE_COMPONENTS)[number];

export const DEFAULT_IMAGE_TAG = 'dev';
/** The Dockerfile's own default; any image with Node.js 24 on PATH does. */
export const DEFAULT_BASE_IMAGE = 'node:24-slim';

export function referenceImageName(component: ReferenceComponent, tag: string = DEFAULT_IMAGE_TAG): string {
  return `gateway-gauntlet/${component}:${tag}`;
}

export interface BuildImagesOptions {
  components?: readonly ReferenceComponent[];
  baseImage?: string;
  tag?: string;
  log?: (line: string) => void;
}

export class ImageBuildError extends Error {
  readonly code = 'GAUNTLET_IMAGE_BUILD';
  constructor(image: string, baseImage: string, cause: unknown) {
    super(
      `building ${image} from reference-impl/deploy/Dockerfile on ${baseImage} failed: ${cause instanceof Error ? cause.message : String(cause)}; ` +
        'check that the Docker engine runs and the base image exists locally or can be pulled (choose another with --base-image)',
      { cause },
    );
    this.name = 'ImageBuildError';
  }
}

/** Builds each component's image (kept after the process ends) and returns the image names. */
export async function buildReferenceImages(options: BuildImagesOptions = {}): Promise<string[]> {
  const baseImage = options.baseImage ?? DEFAULT_BASE_IMAGE;
  const contextDir = mkdtempSync(join(tmpdir(), 'gauntlet-image-'));
  try {
    stageImageContext(contextDir);
    const built: string[] = [];
    for (const component of options.components ?? REFERENCE_COMPONENTS) {
      const image = referenceImageName(component, options.tag);
      options.log?.(`building ${image} on ${baseImage}`);
      try {
        await GenericContainer.fromDockerfile(contextDir)
          .withBuildArgs({ BASE_IMAGE: baseImage, ENTRY: component })
          .build(image, { deleteOnExit: false });
      } catch (error) {
        throw new ImageBuildError(image, baseImage, error);
      }
      built.push(image);
    }
    return built;
  } finally {
    rmSync(contextDir, { recursive: true, force: true });
  }
}
