// `gauntlet report <run-dir>`: a past run's reports rendered again from its results.json, in place or elsewhere,
// and a clear message (exit 2) for a folder that holds no valid results.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sampleRun } from './sample-run.ts';

const gauntlet = fileURLToPath(new URL('../../../harness/cli/gauntlet.ts', import.meta.url));

function runReport(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [gauntlet, 'report', ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

describe('gauntlet report', function () {
  this.timeout(60_000);

  it('renders every report of a run folder again from its results.json, leaving that file as it was', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'gauntlet-rerender-'));
    const runDir = join(cwd, 'reports', sampleRun().runId);
    await mkdir(runDir, { recursive: true });
    const original = `${JSON.stringify(sampleRun())}\n`; // compact: a rewrite would indent it
    await writeFile(join(runDir, 'results.json'), original);
    const result = await runReport([join('reports', sampleRun().runId)], cwd);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, `junit.xml, standard-v0.1.0-default-report.yaml, index.html, summary.md in ${runDir}\n`);
    assert.deepEqual((await readdir(runDir)).sort(), ["index.html", "junit.xml", "results.json", "standard-v0.1.0-default-report.yaml", "summary.md"]);
    assert.equal(await readFile(join(runDir, 'results.json'), 'utf8'), original);
    assert.match(await readFile(join(runDir, 'index.html'), 'utf8'), /id="verdict">FAILED</);

    const out = join(cwd, 'published');
    const elsewhere = await runReport([join(runDir, 'results.json'), '--out', out], cwd);
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
    assert.ok((await stat(join(out, 'results.json'))).isFile(), 'another folder gets results.json too');
    assert.deepEqual(JSON.parse(await readFile(join(out, 'results.json'), 'utf8')), sampleRun());
  });

  it('exits 2 naming the file and the problem when the results are missing or invalid', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'gauntlet-rerender-'));
    const missing = await runReport(['reports/none'], cwd);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `gauntlet: reports/none: no such file or folder; give a run folder (reports/<run-id>/) or its results.json\n`);
    await writeFile(join(cwd, 'results.json'), JSON.stringify({ ...sampleRun(), scenarios: [{ id: 'x' }] }));
    const invalid = await runReport(['.'], cwd);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /^gauntlet: results\.json: does not match the results schema \(docs\/results\.schema\.json\):\n {2}\/scenarios\/0: must have required property 'description'\n/);
  });
});
