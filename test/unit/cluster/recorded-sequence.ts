// Compares a provider's calls with a recording kept in test/fixtures/cluster/<name>.recorded.yaml (YAML, so
// the kubeadm configuration and manifests it writes read as themselves in a review). GAUNTLET_UPDATE_GOLDEN=1
// rewrites the recording from what the code does now; read the diff before committing it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { RecordedCall } from './recording-runtime.ts';

export function assertRecordedSequence(name: string, calls: readonly RecordedCall[], placeholders: Record<string, string>): void {
  let text = stringify(calls, { lineWidth: 0 });
  for (const [value, placeholder] of Object.entries(placeholders)) text = text.replaceAll(value, placeholder);
  const file = fileURLToPath(new URL(`../../fixtures/cluster/${name}.recorded.yaml`, import.meta.url));
  if (process.env.GAUNTLET_UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`${file} is missing: record it with GAUNTLET_UPDATE_GOLDEN=1 and commit it`);
    writeFileSync(file, `# ${name}: the container calls of the start-up sequence, recorded (GAUNTLET_UPDATE_GOLDEN=1 rewrites it)\n${text}`);
  }
  const recorded = parse(readFileSync(file, 'utf8')) as RecordedCall[];
  assert.deepEqual(parse(text), recorded, `the ${name} sequence differs from ${file}`);
}
