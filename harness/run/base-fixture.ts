// The base fixture every run applies once: backends, namespaces and the shared Gateways, for the chosen class.

import { loadBaseFixture } from '../scenario/load-base-fixture.ts';
import type { LocatedManifest } from '../scenario/scenario-types.ts';
import { defaultScenariosRoot } from './project-paths.ts';

export function loadBaseFixtureFor(gatewayClassName: string, scenariosRoot: string = defaultScenariosRoot): Promise<LocatedManifest[]> {
  return loadBaseFixture(scenariosRoot, { gatewayClassName });
}
