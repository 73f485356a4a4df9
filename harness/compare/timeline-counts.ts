// The responses (and failures) of each second of a load phase, from a results.json `load.timeline`: the throughput
// test and the overlaid throughput chart read them. Two layouts are read: a list of seconds
// ({second, responses, non2xx, errors}) and counts per interval ({intervalMs, completed[], failed[]}); anything
// else counts as "not kept" (an older run), never as an error.
//
//   timelineCounts(timeline: unknown): { responses: number[]; failures: number[] } | undefined

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

export function timelineCounts(timeline: unknown): { responses: number[]; failures: number[] } | undefined {
  if (Array.isArray(timeline)) {
    const seconds = timeline as { responses?: unknown; non2xx?: unknown; errors?: unknown }[];
    if (seconds.length === 0 || !seconds.every((second) => isCount(second?.responses))) return undefined;
    return {
      responses: seconds.map((second) => second.responses as number),
      failures: seconds.map((second) => (isCount(second.non2xx) ? second.non2xx : 0) + (isCount(second.errors) ? second.errors : 0)),
    };
  }
  if (typeof timeline === 'object' && timeline !== null) {
    const { intervalMs, completed, failed } = timeline as { intervalMs?: unknown; completed?: unknown; failed?: unknown };
    // Only whole seconds compare as "per second"; another interval is read as it is, one count per interval.
    if (!isCount(intervalMs) || !Array.isArray(completed) || completed.length === 0 || !completed.every(isCount)) return undefined;
    const failures = Array.isArray(failed) && failed.length === completed.length && failed.every(isCount) ? (failed as number[]) : completed.map(() => 0);
    return { responses: completed as number[], failures };
  }
  return undefined;
}
