// Live figures of a load run for progress displays, whatever the engine. Engines report cumulative
// snapshots (answers and failures so far); the feed turns them into the rate of the last interval.
//
//   progressFeed(durationSeconds, onProgress): (snapshot: LoadSnapshot) => void

/** What an engine has measured so far. */
export interface LoadSnapshot {
  elapsedSeconds: number;
  /** Answers so far (any status). */
  responses: number;
  /** Transport errors and non-2xx answers so far. */
  failures: number;
  p99Ms: number;
}

/** The load so far, for live displays. */
export interface LoadProgress {
  elapsedSeconds: number;
  durationSeconds: number;
  /** Answers per second since the previous report. */
  lastSecondRate: number;
  p99Ms: number;
  /** Transport errors and non-2xx answers so far. */
  errors: number;
}

export function progressFeed(durationSeconds: number, onProgress: (progress: LoadProgress) => void): (snapshot: LoadSnapshot) => void {
  let previous = { at: performance.now(), responses: 0 };
  return (snapshot) => {
    const now = performance.now();
    const seconds = (now - previous.at) / 1000;
    const lastSecondRate = seconds > 0 ? Math.round((snapshot.responses - previous.responses) / seconds) : 0;
    previous = { at: now, responses: snapshot.responses };
    onProgress({ elapsedSeconds: Math.min(snapshot.elapsedSeconds, durationSeconds), durationSeconds, lastSecondRate, p99Ms: snapshot.p99Ms, errors: snapshot.failures });
  };
}
