// Stages the build context of reference-impl/deploy/Dockerfile: package.json (its module type), the
// reference implementation's sources (without the benchmark) and only the node_modules they need.
//
//   npx node reference-impl/deploy/stage-image-context.ts <dir>      (or stageImageContext(dir) from code)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeDependencyFolders } from './runtime-dependencies.ts';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DOCKERFILE = join(PROJECT_ROOT, 'reference-impl/deploy/Dockerfile');

export interface StagedContext {
  dir: string;
  /** node_modules folders copied, relative to the project root. */
  dependencies: string[];
}

/** Replaces `dir` with a fresh build context; the Dockerfile is copied in too, so `docker build dir` works. */
export function stageImageContext(dir: string, projectRoot: string = PROJECT_ROOT): StagedContext {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string; type: string; license?: string };
  const { name, version, type, license } = manifest;
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, version, type, license, private: true }, null, 2)}\n`);
  cpSync(join(projectRoot, 'reference-impl'), join(dir, 'reference-impl'), {
    recursive: true,
    filter: (source) => !source.includes(`${join('reference-impl', 'proxy', 'bench')}`),
  });
  const dependencies = runtimeDependencyFolders(projectRoot);
  // Nested packages (a/node_modules/b) come with their parent's folder.
  const topLevel = dependencies.filter((folder) => folder.split('node_modules').length === 2);
  for (const folder of topLevel) cpSync(join(projectRoot, folder), join(dir, folder), { recursive: true, dereference: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync(join(projectRoot, 'reference-impl/deploy/Dockerfile'), join(dir, 'Dockerfile'));
  return { dir, dependencies };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target || existsSync(join(resolve(target), '.git'))) {
    console.error('usage: node reference-impl/deploy/stage-image-context.ts <empty or disposable dir>');
    process.exit(2);
  }
  const staged = stageImageContext(resolve(target));
  console.log(`staged ${staged.dir}: ${staged.dependencies.length} packages`);
}
