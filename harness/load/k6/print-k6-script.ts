// `npm run load:k6-script -- <scenario folder> [--run <name>] [--target host:port] [--profile smoke|nightly]`:
// prints the k6 script a scenario's load run becomes (engine k6), to read, to commit beside a pipeline, or
// to run with `k6 run` anywhere. The target defaults to the Gateway's address as the run would find it
// unknown here, so give --target (host:port of the Gateway listener) for a script that runs as is.
import { parseArgs } from 'node:util';
import { type LoadProfile, loadProfiles } from '../../scenario/format/load-format.ts';
import { loadScenarios } from '../../scenario/load-scenarios.ts';
import { k6PlanOfLoad } from './k6-plan-of-load.ts';
import { generateK6Script } from './k6-script.ts';

export class K6ScriptUsageError extends Error {
  readonly code = 'GAUNTLET_K6_SCRIPT_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'K6ScriptUsageError';
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { run: { type: 'string' }, target: { type: 'string', default: '127.0.0.1:80' }, profile: { type: 'string', default: 'smoke' } } });
  const [folder] = positionals;
  if (folder === undefined) throw new K6ScriptUsageError('usage: load:k6-script <scenario folder> [--run <name>] [--target host:port] [--profile smoke|nightly]');
  const profile = loadProfiles.find((name) => name === values.profile) as LoadProfile | undefined;
  if (profile === undefined) throw new K6ScriptUsageError(`--profile ${values.profile}: use one of ${loadProfiles.join(', ')}`);
  const [host, port] = (values.target ?? '').split(':');
  if (!host || !(Number(port) > 0)) throw new K6ScriptUsageError(`--target ${values.target}: expected host:port`);
  const [scenario] = await loadScenarios(folder, { profile });
  const load = values.run === undefined ? scenario?.loads[0] : scenario?.loads.find((run) => run.name === values.run);
  if (scenario === undefined || load === undefined) throw new K6ScriptUsageError(`${folder}: no load run${values.run === undefined ? '' : ` named "${values.run}"`} (runs: ${scenario?.loads.map((run) => run.name).join(', ') || 'none'})`);
  process.stdout.write(generateK6Script(k6PlanOfLoad(load, { host, port: Number(port) })));
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof K6ScriptUsageError ? 2 : 1;
}
