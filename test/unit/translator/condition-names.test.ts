// Condition types and reasons are named once (condition-names.ts); the rest of the controller uses the names.
// This reads the controller's sources and fails on any string literal spelling a type or reason by hand.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as names from '../../../reference-impl/controller/translator/condition-names.ts';

const CONTROLLER = 'reference-impl/controller';
const NAMES_FILE = join(CONTROLLER, 'translator/condition-names.ts');

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('condition types and reasons', () => {
  const spelled = new Set(Object.values(names).flatMap((group) => Object.values(group as Record<string, string>)));

  it('are never written as bare strings in the controller', () => {
    const found: string[] = [];
    for (const file of sources(CONTROLLER).filter((path) => path !== NAMES_FILE)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const [, literal] of line.matchAll(/'([A-Za-z]+)'/g)) if (literal && spelled.has(literal)) found.push(`${file}:${index + 1}: '${literal}'`);
        });
    }
    assert.deepEqual(found, [], 'use the named constants of condition-names.ts');
  });

  it('hold the specification’s spelling (each constant is named after its value)', () => {
    for (const group of Object.values(names)) {
      for (const [key, value] of Object.entries(group as Record<string, string>)) assert.equal(value, key);
    }
  });
});
