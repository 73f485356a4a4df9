// Progress on a terminal: the usual lines, plus one status line kept at the bottom and redrawn in place: the
// scenario under way with pass/fail counts, and while a load phase runs its live rate, p99 and errors. Not on a
// terminal (CI logs, pipes) gauntlet prints the plain lines only (createProgress): no redrawing, no escapes.
//
//   createLiveProgress(stream): Progress
import type { WriteStream } from 'node:tty';
import type { LoadProgress } from '../load/run-load.ts';
import { createProgress, formatDuration, type Progress } from '../run/progress.ts';

const clearLine = '\r\x1b[2K';

export function createLiveProgress(stream: WriteStream): Progress {
  let status = '';
  let planned = 0;
  let started = 0;
  let passed = 0;
  let failed = 0;
  let current = '';
  let load: LoadProgress | undefined;
  const runStarted = performance.now();
  const draw = () => {
    if (!status) return;
    const width = Math.max(20, (stream.columns || 100) - 1);
    stream.write(`${clearLine}${status.length > width ? `${status.slice(0, width - 1)}…` : status}`);
  };
  const update = () => {
    const counts = `${passed} passed, ${failed} failed`;
    const elapsed = formatDuration(performance.now() - runStarted);
    const loadPart = load ? ` · load ${load.elapsedSeconds}/${load.durationSeconds}s ${Math.round(load.lastSecondRate)} req/s p99 ${load.p99Ms} ms, ${load.errors} errors` : '';
    status = current ? `▶ ${started}/${planned} ${current}${loadPart} · ${counts} · ${elapsed}` : '';
    if (status) draw();
    else stream.write(clearLine);
  };
  const lines = createProgress((line) => {
    if (status) stream.write(clearLine);
    stream.write(`${line}\n`);
    draw();
  });
  return {
    ...lines,
    scenariosPlanned(count) {
      planned = count;
    },
    scenarioStarted(id) {
      started += 1;
      current = id;
      load = undefined;
      update();
    },
    scenarioFinished(_id, scenarioFailed) {
      if (scenarioFailed) failed += 1;
      else passed += 1;
      load = undefined;
      update();
    },
    loadProgress(_id, progress) {
      load = progress;
      update();
    },
    scenariosDone() {
      current = '';
      update();
    },
  };
}
