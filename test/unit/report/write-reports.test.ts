import assert from 'node:assert/strict';
import { mkdtemp, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ReportWriteError, writeRunFolder } from '../../../harness/report/run-folder.ts';
import { formatSummaryTable } from '../../../harness/report/summary-table.ts';
import { writeReports } from '../../../harness/report/write-reports.ts';
import { sampleRun } from './sample-run.ts';

describe('writeReports', () => {
  it("writes results.json, junit.xml, the ConformanceReport under upstream's file name, index.html and summary.md, all reading back", async function () {
    this.timeout(30_000); // the first HTML report of a process bundles its script
    const dir = join(await mkdtemp(join(tmpdir(), 'gauntlet-report-')), 'nested', 'run');
    const run = sampleRun();
    const files = await writeReports(run, dir);
    // <channel>-<implementation version>-<mode>-report.yaml
    assert.deepEqual(
      files,
      ['results.json', 'junit.xml', 'standard-v0.1.0-default-report.yaml', 'index.html', 'summary.md'].map((name) => join(dir, name)),
    );
    assert.match(await readFile(join(dir, 'index.html'), 'utf8'), /<title>Gauntlet run 20261126-054000-ab12<\/title>/);
    assert.match(await readFile(join(dir, 'summary.md'), 'utf8'), /^## Gauntlet run `20261126-054000-ab12`: ❌ failed\n/);
    assert.deepEqual(JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')), run);
    assert.match(await readFile(join(dir, 'junit.xml'), 'utf8'), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    assert.equal(parse(await readFile(join(dir, 'standard-v0.1.0-default-report.yaml'), 'utf8')).kind, 'ConformanceReport');
    const withMode = await writeReports({ ...run, mode: 'gateway per test' }, dir);
    assert.equal(withMode[2], join(dir, 'standard-v0.1.0-gateway_per_test-report.yaml'));
  });
});

describe('writeRunFolder', () => {
  it('writes reports/<run-id>/ and points reports/latest at the newest run', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
    const first = sampleRun();
    await writeRunFolder(first, root);
    const second = { ...sampleRun(), runId: 'second-run' };
    const { dir, files } = await writeRunFolder(second, root);
    assert.equal(dir, join(root, 'second-run'));
    assert.equal(files.length, 5);
    assert.equal(await readlink(join(root, 'latest')), 'second-run');
    assert.equal(JSON.parse(await readFile(join(root, 'latest', 'results.json'), 'utf8')).runId, 'second-run');
  });

  it('refuses a run id that would escape the reports folder', async () => {
    const root = await mkdtemp(join(tmpdir(), 'gauntlet-reports-'));
    await assert.rejects(writeRunFolder({ ...sampleRun(), runId: '../x' }, root), ReportWriteError);
  });
});

describe('formatSummaryTable', () => {
  it('lines up one row per scenario, totals, the reasons for skips, then the failure messages', () => {
    const lines = formatSummaryTable(sampleRun()).split('\n');
    assert.match(lines[0] ?? '', /^Gauntlet run 20261126-054000-ab12: gatewayClass gauntlet, reference-impl v0\.1\.0, cluster local, Gateway API v1\.6\.1 \(standard\)$/);
    assert.match(lines[1] ?? '', /^RESULT\s+SCENARIO\s+UPSTREAM TEST\s+TIME\s+LOAD$/);
    assert.match(lines[2] ?? '', /^PASS\s+httproute-simple-same-namespace\s+HTTPRouteSimpleSameNamespace\s+1\.2s$/);
    assert.match(lines[3] ?? '', /^FAIL\s+httproute-header-matching\s+HTTPRouteHeaderMatching\s+30\.0s$/);
    assert.match(lines[4] ?? '', /^SKIP\s+httproute-request-mirror/);
    assert.match(lines[5] ?? '', /^PASS\s+weighted-split-under-load\s+-\s+4\.0s\s+3000 req\/s, p99 7\.5 ms$/);
    assert.equal(lines[6], '2 passed, 1 failed, 1 skipped');
    assert.equal(lines[7], 'SKIP httproute-request-mirror: HTTPRouteRequestMirror is not supported');
    assert.deepEqual(lines.slice(8, 12), [
      '',
      'FAIL httproute-header-matching',
      '  GET / version: two -> 200 infra-backend-v2',
      '    backend: expected infra-backend-v2, got infra-backend-v1 (pod infra-backend-v1-7f9c-abcde)',
    ]);
    // Columns line up: every row's SCENARIO column starts at the same offset.
    const offsets = lines.slice(1, 6).map((line) => line.search(/\S+\s+\S/) + (line.match(/^\S+\s+/)?.[0].length ?? 0));
    assert.equal(new Set(offsets).size, 1);
  });
});
