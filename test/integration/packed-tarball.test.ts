// The published package works where users install it: `npm pack` (whose prepack builds dist/) yields a tarball
// that npm installs into an empty folder, and its `gauntlet` bin runs from there — compiled JavaScript, since
// Node will not strip types under node_modules — with the scenarios it ships.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { type CommandResult, runCommand } from './run-command.ts';

/** npm as the test was started by it (npm test, npx), else the one on PATH. */
function npm(args: string[], cwd: string): Promise<CommandResult> {
  const npmCli = process.env.npm_execpath;
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  const options = { cwd, timeoutMs: 180_000, env };
  return npmCli?.endsWith('.js') ? runCommand(process.execPath, [npmCli, ...args], options) : runCommand('npm', args, options);
}

describe('the packed npm package', function () {
  this.timeout(300_000);
  let dir: string;
  let installed: string;

  const gauntlet = (args: string[], cwd = installed) =>
    runCommand(join(installed, 'node_modules', '.bin', 'gauntlet'), args, {
      cwd,
      timeoutMs: 60_000,
      // Only the Node running this test on PATH, and no trace of the checkout: the bin must find everything in its package.
      env: { PATH: `${dirname(process.execPath)}${delimiter}/usr/bin${delimiter}/bin`, HOME: dir },
    });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-pack-'));
    const packed = await npm(['pack', '--json', '--pack-destination', dir], projectRoot);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    const files = info.files.map((file) => file.path);
    assert.ok(files.includes('bin/gauntlet.js') && files.includes('dist/harness/cli/gauntlet.js'), files.slice(0, 20).join(', '));
    assert.deepEqual(
      files.filter((path) => path.endsWith('.ts')),
      [],
      'TypeScript sources in the package',
    );
    installed = join(dir, 'user-project');
    await runCommand('mkdir', ['-p', installed], { cwd: dir, timeoutMs: 5000 });
    await writeFile(join(installed, 'package.json'), '{ "name": "user-project", "private": true }\n');
    const install = await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, info.filename)], installed);
    assert.equal(install.code, 0, install.stderr);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs gauntlet --help', async () => {
    const result = await gauntlet(['--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Usage: gauntlet \[options\] \[command\]/);
    for (const command of ['run', 'up', 'down', 'status', 'compare', 'scenario']) assert.match(result.stdout, new RegExp(`^ {2}${command}\\b`, 'm'));
  });

  it('lints the scenarios it ships, and a new one from its template', async () => {
    const shipped = await gauntlet(['scenario', 'lint']);
    assert.equal(shipped.code, 0, shipped.stderr);
    assert.match(shipped.stdout, /^\d+ scenarios checked, no problems$/m);
    const created = await gauntlet(['scenario', 'new', 'my-case', '--dir', 'my-scenarios']);
    assert.equal(created.code, 0, created.stderr);
    const lint = await gauntlet(['scenario', 'lint', 'my-scenarios']);
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /^1 scenario checked, no problems$/m);
  });

  it('reports a broken scenario with file:line and exit code 1', async () => {
    const folder = join(installed, 'broken', 'bad-case');
    await runCommand('mkdir', ['-p', folder], { cwd: dir, timeoutMs: 5000 });
    await writeFile(join(folder, 'scenario.yaml'), 'id: bad-case\ndescription: x\nprofile: GATEWAY-HTTP\nfeatures: [Gateway]\nrequets: []\n');
    const lint = await gauntlet(['scenario', 'lint', 'broken/bad-case']);
    assert.equal(lint.code, 1, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /bad-case\/scenario\.yaml:5:1: .*requets/);
  });
});
