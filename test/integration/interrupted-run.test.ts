// Ctrl-C during a run: the terminal sends SIGINT to the whole process group (gauntlet and its pods). The load
// under way stops at once, the run tears down and still writes the report of what ran (exit 130); a second
// Ctrl-C exits at once, even while the cluster is still coming up. Nothing is left running either way.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunResult } from '../../harness/report/run-result.ts';
import { projectRoot } from '../../harness/run/project-paths.ts';
import { eventually } from '../support/eventually.ts';
import { gauntletEntry, processesMentioning } from './run-command.ts';

interface Started {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; at: number }>;
}

function startRun(args: string[], reportsDir: string): Started {
  const child = spawn(process.execPath, [gauntletEntry, 'run', '--reports-dir', reportsDir, ...args], {
    cwd: projectRoot,
    env: { ...process.env, KUBECACHEDIR: join(reportsDir, '.kube-cache') },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, as a shell gives a foreground job
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  return { child, stderr: () => stderr, exit };
}

/** What a terminal's Ctrl-C does: SIGINT to every process of the foreground group. */
function ctrlC(child: ChildProcess): void {
  if (child.pid) process.kill(-child.pid, 'SIGINT');
}

describe('Ctrl-C during gauntlet run', function () {
  this.timeout(180_000);
  let dir: string;
  const running: ChildProcess[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gauntlet-interrupt-'));
    // The shipped load scenario, its load made long enough that only an interruption can end it early.
    const scenario = join(dir, 'scenarios', 'load', 'weighted-split-under-load');
    await cp(join(projectRoot, 'scenarios', 'load', 'weighted-split-under-load'), scenario, { recursive: true });
    const file = join(scenario, 'scenario.yaml');
    const text = await readFile(file, 'utf8');
    assert.ok(text.includes('durationSeconds: { smoke: 3,'), `${file}: the first load run's smoke duration moved; update this test`);
    await writeFile(file, text.replace('durationSeconds: { smoke: 3,', 'durationSeconds: { smoke: 60,'));
  });

  after(async () => {
    for (const child of running) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('stops the load at once, tears down, and writes the partial report', async () => {
    const reports = join(dir, 'reports');
    const run = startRun(['--scenario', 'httproute-simple-same-namespace', '--scenario', join(dir, 'scenarios', 'load', 'weighted-split-under-load'), '--scenario', 'httproute-matching'], reports);
    running.push(run.child);
    await eventually('the load phase to start', () => run.stderr().includes('✔ request: the route answers before the load starts'), { timeoutMs: 120_000, intervalMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const interruptedAt = Date.now();
    ctrlC(run.child);
    const { code, at } = await run.exit;
    assert.equal(code, 130, run.stderr());
    assert.ok(at - interruptedAt < 15_000, `took ${at - interruptedAt} ms to wind down a load that had 58 s to go`);
    assert.match(run.stderr(), /gauntlet: SIGINT received: stopping traffic, tearing down and writing the partial report \(again to exit at once\)/);
    assert.match(run.stderr(), /partial report \(interrupted by SIGINT\): reports: /);
    const results = JSON.parse(await readFile(join(reports, 'latest', 'results.json'), 'utf8')) as RunResult;
    assert.equal(results.interrupted?.signal, 'SIGINT');
    // Scenarios that finished before the Ctrl-C passed; the load was cut short; the rest never started.
    const finishedBefore = new Set([...run.stderr().matchAll(/^✔ (\S+) passed/gm)].map((match) => match[1]));
    for (const scenario of results.scenarios) {
      const expected = finishedBefore.has(scenario.id) ? ['passed', undefined] : ['skipped', 'interrupted'];
      assert.deepEqual([scenario.outcome, scenario.skippedBecause], expected, scenario.id);
    }
    assert.equal(results.scenarios.length, 3);
    assert.ok(!finishedBefore.has('weighted-split-under-load'));
    const load = results.scenarios.find((scenario) => scenario.id === 'weighted-split-under-load');
    assert.match(load?.steps.at(-1)?.name ?? '', /^load: open model through the split, 400\/s open model, 32 connections for 60s \(interrupted\)$/);
    await eventually('no process of the run left', async () => (await processesMentioning(join(reports, results.runId))).length === 0, { timeoutMs: 10_000, intervalMs: 200 });
  });

  it('exits at once on a second Ctrl-C, even while the cluster comes up', async () => {
    const reports = join(dir, 'reports-twice');
    const run = startRun(['--scenario', 'httproute-simple-same-namespace'], reports);
    running.push(run.child);
    await eventually('the cluster to start coming up', () => run.stderr().includes('… start the local cluster'), { timeoutMs: 60_000, intervalMs: 20 });
    ctrlC(run.child);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const secondAt = Date.now();
    ctrlC(run.child);
    const { code, at } = await run.exit;
    assert.equal(code, 130, run.stderr());
    assert.ok(at - secondAt < 2000, `took ${at - secondAt} ms after the second Ctrl-C`);
    assert.match(run.stderr(), /gauntlet: SIGINT again: exiting at once/);
    await eventually('no process of the run left', async () => (await processesMentioning(reports)).length === 0, { timeoutMs: 10_000, intervalMs: 200 });
  });
});
