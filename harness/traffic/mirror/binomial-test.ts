// Exact two-sided binomial test: how likely a count at least as unlikely as the observed one is, when each
// of n trials succeeds with probability p. Two-sided by summing every outcome no more probable than the
// observed one (the usual "minimum likelihood" method), computed in log space so n in the thousands is exact.
import { logGamma } from '../chi-square.ts';

function logProbability(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 0 : Number.NEGATIVE_INFINITY;
  if (p === 1) return k === n ? 0 : Number.NEGATIVE_INFINITY;
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p);
}

export function binomialTwoSidedPValue(observed: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(observed) || observed < 0 || observed > n || !(p >= 0 && p <= 1)) {
    throw new RangeError(`binomial test needs 0 <= observed <= n, n >= 1 and 0 <= p <= 1, got observed=${observed}, n=${n}, p=${p}`);
  }
  const threshold = logProbability(observed, n, p) + 1e-7;
  let total = 0;
  for (let k = 0; k <= n; k += 1) {
    const log = logProbability(k, n, p);
    if (log <= threshold) total += Math.exp(log);
  }
  return Math.min(1, total);
}
