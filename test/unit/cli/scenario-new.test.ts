// `gauntlet scenario new`: a template that lints clean, written only where nothing is, refused for a bad id.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

describe('gauntlet scenario new', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-scenario-new-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a commented conformance scenario and a load scenario that lint clean', async () => {
    for (const [id, kind] of [
      ['my-case', 'conformance'],
      ['my-load', 'load'],
    ] as const) {
      const created = await runCli(['scenario', 'new', id, '--kind', kind, '--dir', dir]);
      assert.equal(created.code, 0, created.stderr);
      const folder = join(dir, kind, id);
      assert.deepEqual((await readdir(folder)).sort(), ['manifests.yaml', 'scenario.yaml']);
      const scenario = await readFile(join(folder, 'scenario.yaml'), 'utf8');
      assert.match(scenario, new RegExp(`^id: ${id} +# `, 'm'));
      assert.equal(/^load:/m.test(scenario), kind === 'load');
    }
    const lint = await runCli(['scenario', 'lint', dir]);
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /^2 scenarios checked, no problems$/m);
  });

  it('refuses an existing folder and a bad id with exit code 2, writing nothing', async () => {
    const again = await runCli(['scenario', 'new', 'my-case', '--dir', dir]);
    assert.equal(again.code, 2);
    assert.equal(again.stderr, `gauntlet: ${join(dir, 'conformance', 'my-case')} exists already; pick another id, or remove it first (nothing was written)\n`);
    const bad = await runCli(['scenario', 'new', 'My_Case', '--dir', dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^gauntlet: scenario id "My_Case": use lowercase letters, digits and "-"/);
    assert.deepEqual((await readdir(join(dir, 'conformance'))).sort(), ['my-case']);
  });
});
