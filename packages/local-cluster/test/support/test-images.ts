// The image catalog the package's own tests run pods of: fixture scripts under test/fixtures.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunnableImage } from '../../src/runtime/image-catalog.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** `local-cluster-test/web`: an HTTP server answering with the pod's name (see fixtures/web-server.ts). */
export const WEB_IMAGE = 'local-cluster-test/web';

export const TEST_IMAGES: readonly RunnableImage[] = [{ repository: WEB_IMAGE, script: path.join(fixtures, 'web-server.ts') }];

export const WEB_SERVER_SCRIPT = TEST_IMAGES[0]?.script ?? '';
