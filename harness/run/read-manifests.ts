// Reads a manifest file the project ships or was pointed at (CRD bundle, install manifests); every problem
// in it is reported at once with file, line and column.
import { readManifestFile } from '../scenario/manifest-files.ts';
import { ScenarioError } from '../scenario/scenario-error.ts';
import type { LocatedManifest } from '../scenario/scenario-types.ts';
import { REFERENCE_GATEWAY_CLASS } from './reference-class.ts';

export async function readManifests(file: string, gatewayClassName: string = REFERENCE_GATEWAY_CLASS): Promise<LocatedManifest[]> {
  const read = await readManifestFile(file, { gatewayClassName });
  if (read.issues.length > 0) throw new ScenarioError(read.issues);
  return read.manifests;
}
