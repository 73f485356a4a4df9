import assert from 'node:assert/strict';
import { StatusUpdateQueue } from '../../../reference-impl/controller/status/status-update-queue.ts';
import type { StatusWriteOutcome, StoredStatus } from '../../../reference-impl/controller/status/status-writer.ts';
import type { StatusUpdate } from '../../../reference-impl/controller/translator/translation-result.ts';

function update(name: string, mark: string): StatusUpdate {
  return { kind: 'HTTPRoute', namespace: 'infra', name, status: { mark } };
}

/** A writer whose writes finish when the test says so; it records what ran and how many at once. */
function heldWriter() {
  const started: string[] = [];
  const release: (() => void)[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const writer = {
    write(queued: StatusUpdate, _stored: StoredStatus): Promise<StatusWriteOutcome> {
      started.push(`${queued.name}:${String(queued.status.mark)}`);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      return new Promise((resolve) =>
        release.push(() => {
          inFlight -= 1;
          resolve('written');
        }),
      );
    },
  };
  const releaseAll = async () => {
    while (release.length > 0) {
      for (const finish of release.splice(0)) finish();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { writer, started, releaseAll, mostInFlight: () => mostInFlight };
}

const stored = { status: undefined };

describe('status update queue', () => {
  it('writes each object once at a time, and a newer status for an object waiting replaces the older', async () => {
    const held = heldWriter();
    const written: string[] = [];
    const queue = new StatusUpdateQueue({ writer: held.writer, concurrency: 2, onWritten: (u) => written.push(`${u.name}:${String(u.status.mark)}`), onFailed: () => assert.fail('nothing fails') });
    queue.submit([{ update: update('a', '1'), stored }, { update: update('b', '1'), stored }, { update: update('c', '1'), stored }]);
    // a and b are being written; c waits. A newer pass: a again (being written: it waits for that write), c replaced.
    queue.submit([{ update: update('a', '2'), stored }, { update: update('c', '2'), stored }]);
    assert.deepEqual(held.started, ['a:1', 'b:1']);
    await held.releaseAll();
    await queue.idle();
    assert.deepEqual(held.started, ['a:1', 'b:1', 'a:2', 'c:2'], 'c:1 was never written; a:2 only after a:1 finished');
    assert.deepEqual(written.sort(), ['a:1', 'a:2', 'b:1', 'c:2']);
    assert.equal(held.mostInFlight(), 2);
    assert.equal(queue.waiting, 0);
  });

  it('tells when the backlog has come down to a bound (the reconciler ends a pass then)', async () => {
    const held = heldWriter();
    const queue = new StatusUpdateQueue({ writer: held.writer, concurrency: 2, onWritten: () => {}, onFailed: () => assert.fail('nothing fails') });
    queue.submit(Array.from({ length: 10 }, (_, index) => ({ update: update(`r${index}`, '1'), stored })));
    let drained = false;
    const waiting = queue.waitingAtMost(3).then(() => {
      drained = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(drained, false, '8 statuses wait behind 2 writes in flight');
    await held.releaseAll();
    await waiting;
    assert.equal(drained, true);
    await queue.idle();
    assert.equal(held.started.length, 10);
  });

  it('reports a failed write and goes on with the others', async () => {
    const failed: string[] = [];
    const writer = { write: async (queued: StatusUpdate): Promise<StatusWriteOutcome> => (queued.name === 'bad' ? Promise.reject(new Error('refused')) : 'unchanged') };
    const queue = new StatusUpdateQueue({ writer, concurrency: 1, onWritten: () => assert.fail('nothing is written'), onFailed: (u, error) => failed.push(`${u.name}: ${(error as Error).message}`) });
    queue.submit(['x', 'bad', 'y'].map((name) => ({ update: update(name, '1'), stored })));
    await queue.idle();
    assert.deepEqual(failed, ['bad: refused']);
  });

  it('yields to the event loop while comparing many statuses, so a timer (a watch event) runs in between', async () => {
    const order: string[] = [];
    let compared = 0;
    const writer = {
      write: async (): Promise<StatusWriteOutcome> => {
        compared += 1;
        // A comparison of a large status: 1,000 of them take ~100 ms, longer than the timer's 1 ms.
        const until = performance.now() + 0.1;
        while (performance.now() < until) {}
        return 'unchanged';
      },
    };
    const queue = new StatusUpdateQueue({ writer, concurrency: 1, onWritten: () => assert.fail('nothing is written'), onFailed: () => assert.fail('nothing fails') });
    queue.submit(Array.from({ length: 1000 }, (_, index) => ({ update: update(`r${index}`, '1'), stored })));
    setTimeout(() => order.push(`timer after ${compared}`), 0);
    await queue.idle();
    order.push(`done after ${compared}`);
    assert.equal(order.length, 2);
    assert.match(order[0] ?? '', /^timer after \d+$/);
    assert.ok(Number(order[0]?.split(' ').at(-1)) < 1000, `the timer waited for every comparison: ${order[0]}`);
  });
});
