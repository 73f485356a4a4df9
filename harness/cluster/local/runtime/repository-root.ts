// The repository root (where package.json names `gateway-gauntlet`): pod processes run there, and the
// image catalog's entry scripts are relative to it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeError } from './runtime-error.ts';

export function findRepositoryRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && packageName(manifest) === 'gateway-gauntlet') return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new RuntimeError(
    'RepositoryRootNotFound',
    `no package.json of gateway-gauntlet above ${from}: run the local cluster from a gateway-gauntlet checkout or install`,
  );
}

function packageName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string'
      ? parsed.name
      : undefined;
  } catch {
    return undefined;
  }
}
