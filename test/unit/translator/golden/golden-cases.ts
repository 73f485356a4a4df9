// The golden cases. Hand-written ones are `<name>.in.yaml` files of Kubernetes objects beside their
// `<name>.out.yaml`. Scenario ones are made from every scenario folder: the base fixture plus the scenario's
// manifests, then one more state per `then:` phase (its deletions and applies made, a changed object's
// generation bumped as the API server would); their outputs live in `scenarios/<id>.out.yaml`, so a new
// scenario gets its golden case by regenerating.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { GatewayApiChannel } from '../../../../harness/kube/gateway-api-crds.ts';
import { loadBaseFixture } from '../../../../harness/scenario/load-base-fixture.ts';
import { loadScenarios, SCENARIO_FILE_NAME } from '../../../../harness/scenario/load-scenarios.ts';
import { readManifestFile } from '../../../../harness/scenario/manifest-files.ts';
import type { LocatedManifest, Scenario } from '../../../../harness/scenario/scenario-types.ts';
import { GOLDEN_GATEWAY_CLASS } from './golden-cluster.ts';
import { GoldenInputError } from './golden-input-error.ts';

export interface GoldenState {
  label: string;
  manifests: LocatedManifest[];
}

export interface GoldenCase {
  name: string;
  /** What the case is made from, for the golden file's header. */
  source: string;
  expectedFile: string;
  /** Which CRDs admit its objects: a scenario's declared channel (standard unless it says so); edge cases use experimental fields. */
  channel: GatewayApiChannel;
  states(): Promise<GoldenState[]>;
}

/** Fixed static addresses (a run picks a free one): golden outputs must not change from run to run. */
const vars = {
  gatewayClassName: GOLDEN_GATEWAY_CLASS,
  usableAddress: { type: 'IPAddress', value: '127.40.0.9' },
  unusableAddress: { type: 'IPAddress', value: '192.0.2.10' },
};

export function handWrittenCases(folder: string): GoldenCase[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.in.yaml'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.in.yaml'.length);
      const input = join(folder, file);
      return {
        name,
        source: input,
        expectedFile: join(folder, `${name}.out.yaml`),
        channel: 'experimental',
        states: async () => {
          const read = await readManifestFile(input, vars);
          const [issue] = read.issues;
          if (issue) throw new GoldenInputError(issue, issue.message);
          return [{ label: name, manifests: read.manifests }];
        },
      };
    });
}

export function scenarioCases(scenariosRoot: string, outputFolder: string): GoldenCase[] {
  const folders = ['conformance', 'load'].flatMap((kind) => {
    const parent = join(scenariosRoot, kind);
    if (!existsSync(parent)) return [];
    return readdirSync(parent)
      .sort()
      .map((id) => join(parent, id))
      .filter((folder) => existsSync(join(folder, SCENARIO_FILE_NAME)));
  });
  return folders.map((folder) => {
    const id = folder.split('/').at(-1) ?? folder;
    return { name: `scenario ${id}`, source: folder, expectedFile: join(outputFolder, `${id}.out.yaml`), channel: declaredChannel(folder), states: () => scenarioStates(scenariosRoot, folder) };
  });
}

/**
 * The channel a scenario declares, as a run installs its CRDs for it (HTTPRoute retry is experimental only).
 * Read from the YAML directly: cases are listed synchronously, before mocha runs anything; the loader checks
 * the file in full when the case's states are built.
 */
function declaredChannel(folder: string): GatewayApiChannel {
  const document = parse(readFileSync(join(folder, SCENARIO_FILE_NAME), 'utf8')) as { channel?: unknown } | null;
  return document?.channel === 'experimental' ? 'experimental' : 'standard';
}

async function scenarioStates(scenariosRoot: string, folder: string): Promise<GoldenState[]> {
  const base = await loadBaseFixture(scenariosRoot, vars);
  const [scenario] = await loadScenarios(folder, { gatewayClassName: vars.gatewayClassName, staticAddresses: vars });
  if (!scenario) throw new GoldenInputError({ file: folder, line: 0 }, 'no scenario found in this folder');
  let manifests = [...base, ...scenario.manifests];
  const states: GoldenState[] = [{ label: 'initial', manifests }];
  scenario.phases.forEach((phase, index) => {
    manifests = applyPhase(manifests, phase);
    states.push({ label: `then[${index}]: ${phase.name}`, manifests });
  });
  return states;
}

type Phase = Scenario['phases'][number];

function applyPhase(current: LocatedManifest[], phase: Phase): LocatedManifest[] {
  // Read defensively: the scenario format is being reshaped; `apply` is kept, deletions may move.
  const deleted = ((phase as { delete?: LocatedManifest[] }).delete ?? []).map((manifest) => identity(manifest, false));
  let next = current.filter((manifest) => !deleted.includes(identity(manifest, false)));
  for (const applied of phase.apply) {
    const previous = next.find((manifest) => identity(manifest, true) === identity(applied, true));
    next = next.filter((manifest) => manifest !== previous);
    next.push(previous ? withGeneration(applied, previous) : applied);
  }
  return next;
}

function identity({ object }: LocatedManifest, withGroup: boolean): string {
  const group = withGroup ? object.apiVersion.split('/').slice(0, -1).join('/') : '';
  return `${group}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The API server bumps `generation` when the spec changes. */
function withGeneration(applied: LocatedManifest, previous: LocatedManifest): LocatedManifest {
  const generation = (previous.object.metadata.generation as number | undefined) ?? 1;
  const changed = JSON.stringify(applied.object.spec) !== JSON.stringify(previous.object.spec);
  return { ...applied, object: { ...applied.object, metadata: { ...applied.object.metadata, generation: changed ? generation + 1 : generation } } };
}
