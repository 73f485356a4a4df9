import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText } from '../../../harness/scenario/format/json-schema-file.ts';

const scenarioFiles = ['conformance', 'load'].flatMap((kind) => readdirSync(join('scenarios', kind)).map((id) => join('scenarios', kind, id, 'scenario.yaml')));

describe('docs/scenario.schema.json', () => {
  it('is what the declaration generates (run `npm run schema:scenario` after changing harness/scenario/format/)', () => {
    assert.equal(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8'), scenarioJsonSchemaText());
  });

  it('accepts every shipped scenario and rejects a misspelt field, read by a plain JSON Schema validator as an editor would', function () {
    // Compiling the schema and reading ~130 scenarios takes about a second alone, several on a loaded machine.
    this.timeout(30_000);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')));
    for (const file of scenarioFiles) assert.ok(validate(parse(readFileSync(file, 'utf8'))), `${file}: ${ajv.errorsText(validate.errors)}`);
    const misspelt = parse(readFileSync(scenarioFiles[0] ?? '', 'utf8')) as Record<string, unknown>;
    assert.equal(validate({ ...misspelt, awaits: [] }), false);
  });

  it('is named by a relative yaml-language-server line at the top of every shipped scenario', () => {
    for (const file of scenarioFiles) {
      assert.equal(readFileSync(file, 'utf8').split('\n')[0], '# yaml-language-server: $schema=../../../docs/scenario.schema.json', file);
    }
  });
});
