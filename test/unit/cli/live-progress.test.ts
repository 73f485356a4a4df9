// The status line on a terminal: redrawn in place under the plain progress lines, with the scenario under way,
// the counts and, during a load phase, its live figures; cleared when the scenarios are done.
import assert from 'node:assert/strict';
import type { WriteStream } from 'node:tty';
import { createLiveProgress } from '../../../harness/cli/live-progress.ts';

const clearLine = '\r\x1b[2K';

function fakeTerminal(columns = 200): { stream: WriteStream; written: () => string } {
  let output = '';
  const stream = {
    isTTY: true,
    columns,
    write(chunk: string) {
      output += chunk;
      return true;
    },
  } as unknown as WriteStream;
  return { stream, written: () => output };
}

/** What the terminal shows: each line as last drawn (a clear-line wipes what the line had). */
function screen(output: string): string[] {
  return output.split('\n').map((line) => line.split(clearLine).at(-1) ?? '');
}

describe('live progress on a terminal', () => {
  it('keeps one status line under the progress lines: scenario, counts, load figures', () => {
    const { stream, written } = fakeTerminal();
    const progress = createLiveProgress(stream);
    progress.scenariosPlanned?.(3);
    progress.scenarioStarted?.('httproute-matching');
    progress.info('  ✔ apply manifests');
    let shown = screen(written());
    assert.equal(shown.at(-2), '  ✔ apply manifests');
    assert.match(shown.at(-1) ?? '', /^▶ 1\/3 httproute-matching · 0 passed, 0 failed · \d/);
    progress.scenarioFinished?.('httproute-matching', true);
    progress.scenarioStarted?.('weighted-split-under-load');
    progress.loadProgress?.('weighted-split-under-load', { elapsedSeconds: 2, durationSeconds: 5, lastSecondRate: 2431.4, p99Ms: 12.5, errors: 3 });
    shown = screen(written());
    assert.match(shown.at(-1) ?? '', /^▶ 2\/3 weighted-split-under-load · load 2\/5s 2431 req\/s p99 12\.5 ms, 3 errors · 0 passed, 1 failed · /);
    assert.equal(shown.filter((line) => line.startsWith('▶')).length, 1, 'one status line, redrawn in place');
    progress.scenariosDone?.();
    assert.equal(screen(written()).at(-1), '', 'cleared when the scenarios are done');
  });

  it('cuts the status line to the terminal width', () => {
    const { stream, written } = fakeTerminal(40);
    const progress = createLiveProgress(stream);
    progress.scenariosPlanned?.(1);
    progress.scenarioStarted?.('a-scenario-with-a-rather-long-name-indeed');
    const last = screen(written()).at(-1) ?? '';
    assert.equal(last.length, 39);
    assert.ok(last.endsWith('…'));
  });
});
