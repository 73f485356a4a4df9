import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dependencyClosure, importedPackages, MissingDependencyError } from '../../../reference-impl/deploy/runtime-dependencies.ts';
import { aptMirrorFor } from '../../containers/support/debian-node-base-image.ts';

describe('the image dependencies of the reference implementation', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gauntlet-deps-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the bare packages the sources import, not node: built-ins, relative files or skipped folders', () => {
    mkdirSync(join(dir, 'proxy/bench'), { recursive: true });
    writeFileSync(join(dir, 'proxy/a.ts'), "import pino from 'pino';\nimport type { X } from '@grpc/grpc-js/build/src';\nimport { y } from './y.ts';\nimport net from 'node:net';\n");
    writeFileSync(join(dir, 'proxy/bench/b.ts'), "import autocannon from 'autocannon';\n");
    assert.deepEqual(importedPackages(dir), ['@grpc/grpc-js', 'pino']);
  });

  it('resolves the closure the way Node does: a nested copy first, then the root one', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/a': { dependencies: { b: '^2', c: '^1' } },
        'node_modules/a/node_modules/b': { dependencies: { c: '^1' } },
        'node_modules/b': { dependencies: {} },
        'node_modules/c': {},
        'node_modules/unused': {},
        'node_modules/d': { optionalDependencies: { 'other-platform': '1' } },
      },
    };
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
    assert.deepEqual(dependencyClosure(join(dir, 'package-lock.json'), ['a', 'd']), ['node_modules/a', 'node_modules/a/node_modules/b', 'node_modules/c', 'node_modules/d']);
    assert.throws(() => dependencyClosure(join(dir, 'package-lock.json'), ['missing']), MissingDependencyError);
  });

  it("takes debootstrap's mirror from the machine's apt sources, deb822 or one-line", () => {
    const deb822 = 'Types: deb\nURIs: http://mirror.invalid/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\nTypes: deb\nURIs: http://security.invalid/debian-security\nSuites: bookworm-security\n';
    assert.equal(aptMirrorFor('bookworm', [deb822]), 'http://mirror.invalid/debian');
    assert.equal(aptMirrorFor('trixie', ['deb [arch=amd64] http://one.invalid/debian trixie main']), 'http://one.invalid/debian');
    assert.equal(aptMirrorFor('sid', [deb822]), undefined);
  });
});
