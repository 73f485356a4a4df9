import assert from 'node:assert/strict';
import { ReconcileQueue } from '../../../src/runtime/reconcile-queue.ts';
import { conflict } from '../../../src/store/api-error.ts';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ReconcileQueue', () => {
  it('coalesces a burst of adds of one key into one reconcile', async () => {
    const seen: string[] = [];
    const queue = new ReconcileQueue('test', (key) => void seen.push(key), () => {});
    for (let i = 0; i < 5; i++) queue.add('ns/a');
    queue.add('ns/b');
    await tick();
    assert.deepEqual(seen, ['ns/a', 'ns/b']);
    await queue.stop();
  });

  it('retries a failed reconcile and logs unexpected failures, not conflicts', async () => {
    const logs: string[] = [];
    let calls = 0;
    const queue = new ReconcileQueue(
      'test',
      () => {
        calls += 1;
        if (calls === 1) throw conflict('apps', 'deployments', 'a', 'stale');
        if (calls === 2) throw new Error('boom');
      },
      (line) => logs.push(line),
    );
    queue.add('ns/a');
    await tick(300);
    assert.equal(calls, 3);
    assert.equal(logs.length, 1);
    assert.match(logs[0] ?? '', /test: reconcile of ns\/a failed \(attempt 2, retrying\): boom/);
    await queue.stop();
  });

  it('runs nothing after stop', async () => {
    let calls = 0;
    const queue = new ReconcileQueue(
      'test',
      () => {
        calls += 1;
      },
      () => {},
    );
    queue.addAfter('ns/a', 1);
    await queue.stop();
    queue.add('ns/b');
    await tick(20);
    assert.equal(calls, 0);
  });
});
