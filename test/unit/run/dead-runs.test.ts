// The next command after a run died: its record is found, what its cluster recorded as pod processes is
// stopped, the record goes, and a line says so; records of live gauntlet processes are left alone.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpDeadRuns } from '../../../harness/run/dead-runs.ts';
import { readLiveRuns, registerLiveRun } from '../../../harness/run/live-runs.ts';

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('cleaning up after dead runs', function () {
  this.timeout(20_000);
  let dir: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gauntlet-dead-runs-'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it("stops a dead run's recorded pod processes, removes its record and says what it did", async () => {
    const podScript = join(dir, 'pod.mjs');
    writeFileSync(podScript, 'setInterval(() => {}, 1000);\n');
    const pod = spawn(process.execPath, [podScript], { stdio: 'ignore' });
    children.push(pod);
    const dead = spawn(process.execPath, ['-e', '']);
    await exited(dead);
    const stateDir = join(dir, 'cluster');
    mkdirSync(stateDir);
    writeFileSync(join(stateDir, 'pids'), `${pod.pid} ${podScript}\n`);
    const runsDir = join(dir, 'runs');
    mkdirSync(runsDir);
    writeFileSync(join(runsDir, `${dead.pid}.json`), JSON.stringify({ pid: dead.pid, command: 'run', stateDir, startedAt: '2026-12-02T10:00:00Z' }));

    const lines: string[] = [];
    const cleaned = await cleanUpDeadRuns(runsDir, (line) => lines.push(line));
    assert.deepEqual(
      cleaned.map((c) => c.stopped),
      [[pod.pid]],
    );
    await exited(pod);
    assert.deepEqual(lines, [
      `gauntlet: gauntlet run (pid ${dead.pid}, started 2026-12-02T10:00:00Z) died without stopping its local cluster: stopped the 1 pod process(es) it left running (pids ${pod.pid}); its state is in ${stateDir}`,
    ]);
    assert.deepEqual(readLiveRuns(runsDir), []);
    assert.deepEqual(await cleanUpDeadRuns(runsDir, (line) => lines.push(line)), [], 'nothing is left to say');
  });

  it('cleans a record naming the process that checks (stale by construction), and leaves that of a live gauntlet process', async () => {
    const runsDir = join(dir, 'runs');
    const unregister = await registerLiveRun(runsDir, 'run', join(dir, 'cluster'));
    const record = join(runsDir, `${process.pid}.json`);
    assert.ok(existsSync(record));
    // A record naming this very process is stale by construction when a command starts: it is cleaned.
    const lines: string[] = [];
    await cleanUpDeadRuns(runsDir, (line) => lines.push(line));
    assert.match(lines[0] ?? '', /its pod processes had already stopped by themselves/);
    await unregister();

    const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'gauntlet'], { stdio: 'ignore' });
    children.push(alive);
    writeFileSync(join(runsDir, `${alive.pid}.json`), JSON.stringify({ pid: alive.pid, command: 'run', stateDir: dir, startedAt: '' }));
    assert.deepEqual(await cleanUpDeadRuns(runsDir, () => {}), []);
    assert.equal(readLiveRuns(runsDir).length, 1);
  });
});
