// A backend that stalls on a schedule, for load tests of stall detection (scenarios/load/stall-detection):
// ECHO_PAUSE_EVERY and ECHO_PAUSE_FOR (Go durations, both or neither) make the echo hold every request that
// arrives during the first ECHO_PAUSE_FOR of each ECHO_PAUSE_EVERY period until that pause ends, as a
// garbage-collection or lock pause would, without spending CPU. Not an upstream setting: our own.
import { EchoSettingsError, type Environment } from './echo-settings.ts';
import { parseGoDurationMs } from './go-duration.ts';

export interface PauseSchedule {
  everyMs: number;
  forMs: number;
  /** Periods count from here (ms since the epoch). */
  sinceMs: number;
}

export function pauseScheduleFrom(env: Environment, nowMs = Date.now()): PauseSchedule | undefined {
  const every = env.ECHO_PAUSE_EVERY ?? '';
  const during = env.ECHO_PAUSE_FOR ?? '';
  if (every === '' && during === '') return undefined;
  if (every === '' || during === '') {
    throw new EchoSettingsError('ECHO_PAUSE_EVERY and ECHO_PAUSE_FOR go together: set both (e.g. 1s and 200ms) or neither');
  }
  const everyMs = durationMs('ECHO_PAUSE_EVERY', every);
  const forMs = durationMs('ECHO_PAUSE_FOR', during);
  if (!(everyMs > 0) || !(forMs > 0) || forMs >= everyMs) {
    throw new EchoSettingsError(`ECHO_PAUSE_FOR (${during}) must be above 0 and shorter than ECHO_PAUSE_EVERY (${every})`);
  }
  return { everyMs, forMs, sinceMs: nowMs };
}

/** How long a request arriving at `nowMs` waits: the rest of the pause it arrived in, else 0. */
export function pauseRemainingMs(schedule: PauseSchedule | undefined, nowMs: number): number {
  if (!schedule) return 0;
  const phase = (nowMs - schedule.sinceMs) % schedule.everyMs;
  return phase < schedule.forMs ? schedule.forMs - phase : 0;
}

function durationMs(name: string, text: string): number {
  try {
    return parseGoDurationMs(text);
  } catch (error) {
    throw new EchoSettingsError(`${name} "${text}": ${(error as Error).message}`);
  }
}
