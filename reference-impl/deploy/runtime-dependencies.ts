// Which installed packages the reference implementation needs at run time: the packages its sources import
// (outside the benchmark), and everything those depend on, resolved through package-lock.json the way Node
// resolves them (a nested node_modules first, then each parent's). The image gets exactly these, so it carries
// no harness, test or development dependency and its build needs no registry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface LockedPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  link?: boolean;
}

export class MissingDependencyError extends Error {
  readonly code = 'GAUNTLET_IMAGE_DEPENDENCY_MISSING';
  constructor(name: string, from: string) {
    super(`${from} needs the package ${name}, which package-lock.json does not hold: run npm install, then build the image again`);
    this.name = 'MissingDependencyError';
  }
}

/** The package a bare import specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for built-ins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Bare package names imported by the .ts files under `sourceDir` (node: built-ins excluded; `skip` folders left out). */
export function importedPackages(sourceDir: string, skip: readonly string[] = ['bench']): string[] {
  const names = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (!skip.includes(entry)) visit(path);
        continue;
      }
      if (!entry.endsWith('.ts')) continue;
      for (const match of readFileSync(path, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^'.][^']*)'/gm)) {
        const name = packageOf(match[1] ?? '');
        if (name) names.add(name);
      }
    }
  };
  visit(sourceDir);
  return [...names].sort();
}

/** Lockfile paths (`node_modules/a`, `node_modules/a/node_modules/b`) of `roots` and all they depend on. */
export function dependencyClosure(lockfilePath: string, roots: readonly string[]): string[] {
  const lock = JSON.parse(readFileSync(lockfilePath, 'utf8')) as { packages: Record<string, LockedPackage> };
  const packages = lock.packages;
  const resolve = (name: string, fromPath: string): string | undefined => {
    // Node's lookup: <from>/node_modules/<name>, then each enclosing package's node_modules, then the root's.
    let base = fromPath;
    for (;;) {
      const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (base === '') return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const found = new Set<string>();
  const queue: [string, string][] = roots.map((name) => [name, '']);
  while (queue.length > 0) {
    const [name, from] = queue.shift() ?? ['', ''];
    const path = resolve(name, from);
    if (path === undefined) {
      // Optional and peer dependencies may legitimately be absent (another platform's binary, say).
      if (from === '' || packages[from]?.dependencies?.[name] !== undefined) throw new MissingDependencyError(name, from || 'reference-impl');
      continue;
    }
    if (found.has(path)) continue;
    found.add(path);
    const locked = packages[path] ?? {};
    for (const dependency of Object.keys({ ...locked.dependencies, ...locked.optionalDependencies, ...locked.peerDependencies })) {
      queue.push([dependency, path]);
    }
  }
  return [...found].sort();
}

/** The closure's folders relative to `projectRoot`, parents before their nested packages. */
export function runtimeDependencyFolders(projectRoot: string): string[] {
  const roots = importedPackages(join(projectRoot, 'reference-impl'));
  return dependencyClosure(join(projectRoot, 'package-lock.json'), roots).map((path) => relative(projectRoot, join(projectRoot, path)));
}
