// `npm run build` (and `prepack`): the published package's JavaScript in dist/. Node will not strip types of
// .ts files under node_modules, so an installed gauntlet needs compiled code; the repository itself keeps
// running its .ts sources directly. Steps: compile with tsc (tsconfig.build.json: relative imports rewritten
// to .js), compile the workspace package @gauntlet/local-cluster into dist/ too and point its imports there,
// rewrite .ts file paths written as strings (rewrite-paths.ts), and copy what runs read at run time (every
// non-TypeScript file beside the sources: manifests, protos, JSON data; and the scenarios, the scenario schema
// and guide) to the same place under dist/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { rewritePaths } from './rewrite-paths.ts';

const projectRoot = fileURLToPath(new URL('../', import.meta.url));
const dist = join(projectRoot, 'dist');
const compiledFolders = ['harness', 'reference-impl', 'suites', 'packages/local-cluster/src'];
/** Read at run time from outside the compiled folders: copied to the same place under dist/. */
const assets = ['scenarios', 'docs/scenario.schema.json', 'docs/scenarios.md'];
/** Not part of the published package: benchmarks, a workspace package's own tests and dependencies. */
const excluded = ['reference-impl/proxy/bench/', 'packages/local-cluster/src/node_modules/'];
const isExcluded = (file: string) => excluded.some((prefix) => relative(projectRoot, file).startsWith(prefix));
const bundledPackages = { '@gauntlet/local-cluster': 'packages/local-cluster/src/index.js' };

export class BuildError extends Error {
  readonly code = 'GAUNTLET_BUILD';
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

function compile(): void {
  const require = createRequire(import.meta.url);
  const typescript = dirname(require.resolve('typescript/package.json'));
  const bin = (JSON.parse(require('node:fs').readFileSync(join(typescript, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin.tsc ?? 'bin/tsc';
  const result = spawnSync(process.execPath, [join(typescript, bin), '-p', join(projectRoot, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new BuildError(`tsc -p tsconfig.build.json failed (exit ${result.status}); fix the errors above, then run npm run build again`);
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

async function rewriteCompiled(): Promise<number> {
  let count = 0;
  for (const file of (await filesUnder(dist)).filter((path) => path.endsWith('.js'))) {
    const sourceDir = join(projectRoot, relative(dist, dirname(file)));
    const code = await readFile(file, 'utf8');
    const fromHere = Object.fromEntries(
      Object.entries(bundledPackages).map(([name, entry]) => {
        const path = relative(dirname(file), join(dist, entry));
        return [name, path.startsWith('.') ? path : `./${path}`];
      }),
    );
    const result = rewritePaths(code, {
      sourceDir,
      projectRoot,
      bundledPackages: fromHere,
      resolve,
      isCompiledSource: (path) => path.endsWith('.ts') && compiledFolders.some((folder) => path.startsWith(join(projectRoot, folder, '/'))) && existsSync(path),
    });
    if (result.rewrites.length === 0) continue;
    await writeFile(file, result.code, 'utf8');
    count += result.rewrites.length;
  }
  return count;
}

/**
 * Package specifiers each compiled file imports (static, re-exports, import() of a literal), read by esbuild's
 * parser: code that writes code (a generated k6 script's `import http from 'k6/http'` in a template) is text,
 * not an import.
 */
async function importedSpecifiersByFile(files: string[]): Promise<Map<string, string[]>> {
  const result = await build({ entryPoints: files, bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', outdir: join(dist, '.imports'), absWorkingDir: projectRoot, logLevel: 'silent' });
  const byFile = new Map<string, string[]>();
  for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
    byFile.set(resolve(projectRoot, input), imports.filter((entry) => entry.external).map((entry) => entry.path));
  }
  return byFile;
}

/** Every package the compiled code imports must be a dependency, or an installed gauntlet fails on start. */
async function checkDependencies(): Promise<void> {
  const manifest = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
  const missing = new Map<string, string>();
  const files = (await filesUnder(dist)).filter((path) => path.endsWith('.js'));
  for (const [file, specifiers] of await importedSpecifiersByFile(files)) {
    for (const specifier of specifiers) {
      if (specifier.startsWith('node:') || specifier.startsWith('.')) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);
      if (!dependencies.has(name)) missing.set(name, relative(projectRoot, file));
    }
  }
  if (missing.size > 0) {
    const list = [...missing].map(([name, file]) => `${name} (imported by dist/${relative(dist, join(projectRoot, file))})`).join(', ');
    throw new BuildError(`the published code imports packages that are not in package.json's dependencies: ${list}; move them there from devDependencies`);
  }
}

/** Every file beside the compiled sources that is not TypeScript (JSON data, YAML, protos): code reads them at run time. */
async function copySourceSideFiles(): Promise<number> {
  let count = 0;
  for (const folder of compiledFolders) {
    for (const file of await filesUnder(join(projectRoot, folder))) {
      if (file.endsWith('.ts') || isExcluded(file)) continue;
      const target = join(dist, relative(projectRoot, file));
      await mkdir(dirname(target), { recursive: true });
      await cp(file, target);
      count += 1;
    }
  }
  return count;
}

async function copyAssets(): Promise<void> {
  for (const asset of assets) await cp(join(projectRoot, asset), join(dist, asset), { recursive: true });
  // project-paths.ts reads the version from the package.json at the root of the code it runs from.
  const { name, version } = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  await writeFile(join(dist, 'package.json'), `${JSON.stringify({ name: `${name}-dist`, version, private: true, type: 'module' }, null, 2)}\n`);
}

export async function buildDist(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  compile();
  const rewrites = await rewriteCompiled();
  await checkDependencies();
  const sideFiles = await copySourceSideFiles();
  await copyAssets();
  process.stderr.write(`dist/ built: ${(await filesUnder(dist)).length} files (${sideFiles} data files beside the code), ${rewrites} paths rewritten for the published layout\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildDist().catch((error: unknown) => {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
