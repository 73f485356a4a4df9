// docs/results.schema.json, generated from the declaration (run-schema.ts) so the documented format is exactly
// the one `gauntlet report` accepts. `npm run schema:results` writes it; a unit test fails while the committed
// file differs.
//
//   resultsJsonSchema(): object          the schema as a plain JSON value
//   resultsJsonSchemaText(): string      the file's content
//   node harness/report/results-schema/json-schema-file.ts   (re)writes docs/results.schema.json
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RunResultSchema } from './run-schema.ts';

export const RESULTS_SCHEMA_FILE = fileURLToPath(new URL('../../../docs/results.schema.json', import.meta.url));

export function resultsJsonSchema(): Record<string, unknown> {
  // Draft-07, as docs/scenario.schema.json: what most validators and editors read by default.
  return JSON.parse(JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...RunResultSchema })) as Record<string, unknown>;
}

export function resultsJsonSchemaText(): string {
  return `${JSON.stringify(resultsJsonSchema(), null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(RESULTS_SCHEMA_FILE, resultsJsonSchemaText());
  process.stdout.write(`wrote ${RESULTS_SCHEMA_FILE}\n`);
}
