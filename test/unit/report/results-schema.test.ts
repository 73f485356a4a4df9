import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ResultsFileError, readRunResult } from '../../../harness/report/read-run-result.ts';
import { RESULTS_SCHEMA_FILE, resultsJsonSchemaText } from '../../../harness/report/results-schema/json-schema-file.ts';
import { validateResults } from '../../../harness/report/results-schema/validate-results.ts';
import { sampleRun } from './sample-run.ts';

/** The committed schema, read by a plain validator as any consumer would (formats left to the consumer). */
async function committedSchemaValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, formats: { 'date-time': true } });
  return ajv.compile(JSON.parse(await readFile(RESULTS_SCHEMA_FILE, 'utf8')));
}

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('docs/results.schema.json', () => {
  it('is what the declaration generates (run `npm run schema:results` after changing harness/report/results-schema/)', async () => {
    assert.equal(await readFile(RESULTS_SCHEMA_FILE, 'utf8'), resultsJsonSchemaText());
  });

  it('is versioned: its $id and schemaVersion name the version, and it says when the version changes', async () => {
    const schema = JSON.parse(await readFile(RESULTS_SCHEMA_FILE, 'utf8'));
    assert.equal(schema.$id, 'https://gauntlet.dev/schemas/results-v1.json');
    assert.equal(schema.properties.schemaVersion.const, 1);
    assert.match(schema.description, /schemaVersion changes only on incompatible changes/);
  });

  it('accepts a run with every optional part filled in', async () => {
    const validate = await committedSchemaValidator();
    assert.ok(validate(asJson(sampleRun())), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(validateResults(asJson(sampleRun())), []);
  });

  it('rejects an unknown field, a wrong outcome, another version and a malformed time, naming where', () => {
    const run = asJson(sampleRun());
    const scenarios = run.scenarios as { outcome: string; steps: Record<string, unknown>[] }[];
    Object.assign(scenarios[0] ?? {}, { outcome: 'green' });
    Object.assign(scenarios[1]?.steps[1] ?? {}, { expected: 'x' });
    run.startedAt = 'yesterday';
    assert.deepEqual(validateResults(run), [
      '/startedAt: must match format "date-time"',
      '/scenarios/0/outcome: must be one of "passed", "failed", "skipped"',
      '/scenarios/1/steps/1: unknown field "expected"',
    ]);
    assert.deepEqual(validateResults({ ...asJson(sampleRun()), schemaVersion: 2 }), ['/schemaVersion: must be 1']);
  });
});

describe('readRunResult', () => {
  it('reads a run folder or its results.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-results-'));
    await writeFile(join(dir, 'results.json'), JSON.stringify(sampleRun()));
    assert.deepEqual(await readRunResult(dir), asJson(sampleRun()));
    assert.equal((await readRunResult(join(dir, 'results.json'))).runId, sampleRun().runId);
  });

  it('says what is wrong with a file that is missing, not JSON, of another version or invalid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-results-'));
    const file = join(dir, 'results.json');
    await assert.rejects(readRunResult(join(dir, 'nope')), (error: unknown) => error instanceof ResultsFileError && /nope: no such file or folder; give a run folder/.test(error.message));
    await assert.rejects(readRunResult(dir), /results\.json: cannot be read \(ENOENT\); a run folder holds results\.json once its run finished/);
    await writeFile(file, '{"schemaVersion": 1,');
    await assert.rejects(readRunResult(dir), /results\.json: is not JSON \(/);
    await writeFile(file, JSON.stringify({ ...sampleRun(), schemaVersion: 7 }));
    await assert.rejects(readRunResult(dir), /results\.json: has schemaVersion 7; this gauntlet reads results of version 1 \(docs\/results\.schema\.json\)$/);
    await writeFile(file, JSON.stringify({ ...sampleRun(), runId: 42 }));
    await assert.rejects(readRunResult(file), (error: unknown) => {
      assert.ok(error instanceof ResultsFileError);
      assert.equal(error.code, 'GAUNTLET_RESULTS_FILE');
      assert.equal(error.message, `${file}: does not match the results schema (docs/results.schema.json):\n  /runId: must be string`);
      return true;
    });
  });
});
