// The Mann-Whitney U test (Wilcoxon rank-sum) on two weighted samples: does one run's distribution sit higher
// than the other's? Ranks are computed per distinct value (midranks for ties), so an HDR histogram costs one
// pass over its buckets. Small samples (per-second throughput counts) get the exact permutation distribution of
// the rank sum, ties included; large ones the normal approximation with tie and continuity corrections.
// The effect size is Vargha and Delaney's A: the probability that an observation of `next` exceeds one of
// `base` (ties counting half); 0.5 is no difference, 0.56/0.64/0.71 are their small/medium/large.
//
//   mannWhitneyU(base, next): MannWhitneyResult | { untestable: string }
import { chiSquareSurvival } from '../../traffic/chi-square.ts';
import { pooled, type WeightedSample } from './weighted-sample.ts';

export interface MannWhitneyResult {
  method: string;
  /** U of `next`: the number of (base, next) pairs where next is higher, ties counting half. */
  u: number;
  pValue: number;
  /** Vargha-Delaney A = U / (n_base * n_next). */
  probabilityNextHigher: number;
}

/** Up to this many observations in all, the exact distribution is cheap (a subset-sum table). */
const exactUpTo = 60;

export function mannWhitneyU(base: WeightedSample, next: WeightedSample): MannWhitneyResult | { untestable: string } {
  if (base.total === 0 || next.total === 0) return { untestable: `a rank test needs observations in both runs, got ${base.total} and ${next.total}` };
  const all = pooled(base, next);
  const n = all.total;
  // Midrank of each distinct value, doubled so that it is a whole number.
  const doubledRank = new Map<number, number>();
  let below = 0;
  let tieTerm = 0;
  all.values.forEach((value, index) => {
    const count = all.counts[index] ?? 0;
    doubledRank.set(value, 2 * below + count + 1);
    below += count;
    tieTerm += count ** 3 - count;
  });
  let doubledRankSum = 0;
  next.values.forEach((value, index) => {
    doubledRankSum += (doubledRank.get(value) ?? 0) * (next.counts[index] ?? 0);
  });
  const u = doubledRankSum / 2 - (next.total * (next.total + 1)) / 2;
  const probabilityNextHigher = u / (base.total * next.total);
  if (n <= exactUpTo) {
    const pValue = exactPValue(all, doubledRank, next.total, doubledRankSum);
    return { method: 'Mann-Whitney U (exact)', u, pValue, probabilityNextHigher };
  }
  const mean = (base.total * next.total) / 2;
  const variance = ((base.total * next.total) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { method: 'Mann-Whitney U (normal approximation)', u, pValue: 1, probabilityNextHigher };
  const z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  // Two-sided normal tail from the chi-square tail: z^2 of a standard normal is chi-square with 1 df.
  return { method: 'Mann-Whitney U (normal approximation)', u, pValue: chiSquareSurvival(z * z, 1), probabilityNextHigher };
}

/**
 * P(|S - E[S]| >= |observed - E[S]|) for S the doubled rank sum of `size` observations drawn without
 * replacement from the pooled ones: counts of subsets by size and sum, in floating point (C(60, 30) ~ 1e17).
 */
function exactPValue(all: WeightedSample, doubledRank: Map<number, number>, size: number, observed: number): number {
  const ranks = all.values.flatMap((value, index) => Array.from({ length: all.counts[index] ?? 0 }, () => doubledRank.get(value) ?? 0));
  const maxSum = ranks.reduce((sum, rank) => sum + rank, 0);
  // ways[k][s]: subsets of k of the ranks seen so far with doubled rank sum s.
  const ways = Array.from({ length: size + 1 }, () => new Float64Array(maxSum + 1));
  const first = ways[0];
  if (first) first[0] = 1;
  for (const rank of ranks) {
    for (let k = size; k >= 1; k -= 1) {
      const into = ways[k];
      const from = ways[k - 1];
      if (!into || !from) continue;
      for (let s = maxSum; s >= rank; s -= 1) into[s] = (into[s] ?? 0) + (from[s - rank] ?? 0);
    }
  }
  const distribution = ways[size] ?? new Float64Array(0);
  // The mean rank is (n + 1) / 2, so the doubled rank sum's mean is size * (n + 1).
  const expected = size * (ranks.length + 1);
  const distance = Math.abs(observed - expected) - 1e-9;
  let extreme = 0;
  let total = 0;
  distribution.forEach((count, sum) => {
    total += count;
    if (Math.abs(sum - expected) >= distance) extreme += count;
  });
  return total === 0 ? 1 : Math.min(1, extreme / total);
}
