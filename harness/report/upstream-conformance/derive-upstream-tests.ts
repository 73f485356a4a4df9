// Derives, from a gateway-api checkout at a release tag, the facts the ConformanceReport needs and keeps them as
// data (upstream-tests-<version>.json beside this file): every conformance test's name, features and whether
// it is provisional, and each profile's core and extended features. A test belongs to every profile whose core
// and extended features hold all of its features, and is core there when its features are all core features of
// that profile, as upstream's suite decides. Nothing of upstream's code is copied:
// names and feature lists are facts of the specification.
//
//   npx node harness/report/upstream-conformance/derive-upstream-tests.ts <gateway-api git dir> <tag>
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UpstreamConformanceTests, UpstreamTest } from './upstream-tests.ts';

function show(gitDir: string, tag: string, path: string): string {
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${tag}:${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function list(gitDir: string, tag: string, dir: string): string[] {
  return execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '--name-only', tag, dir], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** `SupportX` constant -> feature name, from pkg/features/*.go (`SupportX FeatureName = "X"`). */
function featureConstants(gitDir: string, tag: string): Map<string, string> {
  const constants = new Map<string, string>();
  for (const file of list(gitDir, tag, 'pkg/features').filter((path) => path.endsWith('.go'))) {
    for (const match of show(gitDir, tag, file).matchAll(/^\s*(Support\w+)\s+(?:FeatureName\s*)?=\s*"([^"]+)"/gm)) constants.set(match[1] ?? '', match[2] ?? '');
  }
  return constants;
}

function featureNames(block: string, constants: Map<string, string>, where: string): string[] {
  return [...block.matchAll(/features\.(Support\w+)/g)].map((match) => {
    const name = constants.get(match[1] ?? '');
    if (!name) throw new Error(`${where}: unknown feature constant ${match[1]}`);
    return name;
  });
}

function tests(gitDir: string, tag: string, constants: Map<string, string>): UpstreamTest[] {
  const found: UpstreamTest[] = [];
  for (const file of list(gitDir, tag, 'conformance/tests').filter((path) => path.endsWith('.go') && !path.endsWith('_test.go'))) {
    const source = show(gitDir, tag, file);
    // Each declaration's fields up to its Test function (which may be a literal or a named function).
    for (const chunk of source.split(/ConformanceTest\{/).slice(1)) {
      const body = chunk.split(/\n\s*Test:/)[0] ?? '';
      const name = /ShortName:\s*"([^"]+)"/.exec(body)?.[1];
      const featureBlock = /Features:\s*\[\]features\.FeatureName\{([\s\S]*?)\}/.exec(body)?.[1];
      if (!name || featureBlock === undefined) throw new Error(`${file}: a ConformanceTest without a literal ShortName or Features list`);
      found.push({ name, features: featureNames(featureBlock, constants, file), provisional: /Provisional:\s*true/.test(body), file });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Feature variable -> feature name (`XFeature = Feature{ Name: SupportX, ... }`), from pkg/features/*.go. */
function featureVariables(sources: string[], constants: Map<string, string>): Map<string, string> {
  const variables = new Map<string, string>();
  for (const source of sources) {
    for (const match of source.matchAll(/(\w+)\s*=\s*Feature\{\s*Name:\s*(Support\w+)/g)) {
      const name = constants.get(match[2] ?? '');
      if (!name) throw new Error(`pkg/features: unknown feature constant ${match[2]}`);
      variables.set(match[1] ?? '', name);
    }
  }
  return variables;
}

/** `XFeatures` set -> feature names (`var XFeatures = sets.New(AFeature, BFeature)`), from pkg/features/*.go. */
function featureSets(gitDir: string, tag: string, constants: Map<string, string>): Map<string, string[]> {
  const sources = list(gitDir, tag, 'pkg/features')
    .filter((path) => path.endsWith('.go') && !path.endsWith('_test.go'))
    .map((path) => show(gitDir, tag, path));
  const variables = featureVariables(sources, constants);
  const sets = new Map<string, string[]>();
  for (const source of sources) {
    for (const match of source.matchAll(/var\s+(\w+Features)\s*=\s*sets\.New(?:\[[^\]]*\])?\(([\s\S]*?)\)/g)) {
      const members = [...(match[2] ?? '').replace(/\/\/.*$/gm, '').matchAll(/\b([A-Z]\w*)\b/g)].map((member) => {
        const name = variables.get(member[1] ?? '');
        if (!name) throw new Error(`pkg/features: set ${match[1]} names unknown feature ${member[1]}`);
        return name;
      });
      sets.set(match[1] ?? '', members);
    }
  }
  return sets;
}

/** Profile name -> its core and extended features, from conformance/utils/suite/profiles.go. */
function profiles(gitDir: string, tag: string, constants: Map<string, string>): Pick<UpstreamConformanceTests, 'profiles' | 'extendedFeatures'> {
  const source = show(gitDir, tag, 'conformance/utils/suite/profiles.go');
  const sets = featureSets(gitDir, tag, constants);
  const names = new Map([...source.matchAll(/(\w+ConformanceProfileName)\s+ConformanceProfileName\s*=\s*"([^"]+)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const core: Record<string, string[]> = {};
  const extended: Record<string, string[]> = {};
  // Each profile's declaration, from its Name up to the next one's.
  for (const block of source.split(/(?=\bName:\s*\w+ConformanceProfileName,)/).slice(1)) {
    const name = names.get(/^Name:\s*(\w+ConformanceProfileName)/.exec(block)?.[1] ?? '');
    const coreBlock = /CoreFeatures:\s*sets\.New(?:\[[^\]]*\])?\(([\s\S]*?)\)/.exec(block)?.[1];
    if (!name || coreBlock === undefined) continue;
    core[name] = featureNames(coreBlock, constants, 'profiles.go').sort();
    const extendedBlock = block.split(/ExtendedFeatures:/)[1] ?? '';
    extended[name] = [
      ...new Set(
        [...extendedBlock.matchAll(/features\.(\w+Features)\b/g)].flatMap((match) => {
          const members = sets.get(match[1] ?? '');
          if (!members) throw new Error(`profiles.go: ${name} names unknown feature set ${match[1]}`);
          return members;
        }),
      ),
    ].sort();
  }
  return { profiles: core, extendedFeatures: extended };
}

export function deriveUpstreamTests(gitDir: string, tag: string): UpstreamConformanceTests {
  const constants = featureConstants(gitDir, tag);
  return {
    gatewayAPIVersion: tag,
    source: `kubernetes-sigs/gateway-api ${tag}: conformance/tests, conformance/utils/suite/profiles.go, pkg/features`,
    ...profiles(gitDir, tag, constants),
    tests: tests(gitDir, tag, constants),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [gitDir, tag] = process.argv.slice(2);
  if (!gitDir || !tag) {
    console.error('usage: node harness/report/upstream-conformance/derive-upstream-tests.ts <gateway-api git dir> <tag>');
    process.exit(2);
  }
  const derived = deriveUpstreamTests(gitDir, tag);
  const out = join(dirname(fileURLToPath(import.meta.url)), `upstream-tests-${tag}.json`);
  writeFileSync(out, `${JSON.stringify(derived, null, 1)}\n`);
  console.log(`${out}: ${derived.tests.length} tests, profiles ${Object.keys(derived.profiles).join(', ')}`);
}
