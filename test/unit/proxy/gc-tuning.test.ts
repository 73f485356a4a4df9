import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const tuning = new URL('../../../reference-impl/proxy/gc-tuning.ts', import.meta.url).href;

/** Time each scavenge spent in V8's helper threads (--trace-gc-nvp), for a child that keeps 200,000 objects alive while allocating. */
function backgroundScavengeMs(tuned: boolean): number[] {
  const script = `${tuned ? `(await import(${JSON.stringify(tuning)})).tuneGarbageCollector();` : ''}
    const ring = new Array(200_000);
    for (let i = 0; i < 3_000_000; i++) ring[i % ring.length] = { i, s: 'x' + i };`;
  const child = spawnSync(process.execPath, ['--trace-gc-nvp', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: fileURLToPath(new URL('.', import.meta.url)) });
  assert.equal(child.status, 0, child.stderr);
  return child.stdout
    .split('\n')
    .filter((line) => line.includes(' gc=s '))
    .map((line) => Number(/background\.scavenge\.parallel=([\d.]+)/.exec(line)?.[1] ?? Number.NaN));
}

describe('proxy GC tuning', () => {
  it('turns off parallel scavenging in the running process: no scavenge work goes to helper threads', () => {
    const tuned = backgroundScavengeMs(true);
    assert.ok(tuned.length >= 3, `expected several scavenges, got ${tuned.length}`);
    assert.deepEqual(
      tuned.filter((ms) => ms !== 0),
      [],
    );
    // The same work untuned does use the helpers: the check above would notice the setting not taking.
    assert.ok(
      backgroundScavengeMs(false).some((ms) => ms > 0),
      'untuned scavenges should use helper threads',
    );
  });
});
