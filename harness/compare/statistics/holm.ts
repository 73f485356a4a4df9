// Holm-Bonferroni: a comparison runs many tests (metrics times scenarios); adjusting their p-values keeps the
// chance of any false alarm across all of them at alpha, where testing each at alpha alone would raise one
// on every few nightly runs.
//
//   holmAdjusted(pValues): number[]   same order as given

export function holmAdjusted(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(pValues.length).fill(1);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
