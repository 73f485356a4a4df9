// Paths inside the installed project, independent of the working directory.
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
export const referenceInstallManifest = fileURLToPath(new URL('../../reference-impl/deploy/install.yaml', import.meta.url));
export const defaultScenariosRoot = fileURLToPath(new URL('../../scenarios/', import.meta.url));
