// docs/scenario.schema.json, generated from the declaration so editors complete exactly what the loader
// accepts. `npm run schema:scenario` writes it; a unit test fails while the committed file differs.
//
//   scenarioJsonSchemaText(): string     the file's content
//   node harness/scenario/format/json-schema-file.ts   (re)writes docs/scenario.schema.json
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScenarioDocument } from './scenario-format.ts';

export const SCENARIO_SCHEMA_FILE = fileURLToPath(new URL('../../../docs/scenario.schema.json', import.meta.url));

export function scenarioJsonSchemaText(): string {
  // Draft-07: what the YAML language server and most editors read best; the declaration uses nothing newer.
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...ScenarioDocument }, null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(SCENARIO_SCHEMA_FILE, scenarioJsonSchemaText());
  process.stdout.write(`wrote ${SCENARIO_SCHEMA_FILE}\n`);
}
