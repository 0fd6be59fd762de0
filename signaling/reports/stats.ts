/** Pure summary statistics for report figures. Inputs need not be sorted; empty input gives null. */

const ascending = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Nearest-rank percentile: the smallest value such that at least p% of values are ≤ it,
 * i.e. the value at 1-based rank ⌈p/100 · n⌉ of the sorted list. Always one of the inputs.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return null;
  const sorted = ascending(values);
  // Round before ceil so 0.9 * 10 = 9.000000000000002 does not become rank 10.
  const rank = Math.max(1, Math.ceil(Number(((p / 100) * sorted.length).toFixed(9))));
  return sorted[rank - 1] ?? null;
}

/** The middle value; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

export function ratio(numerator: number, denominator: number): { numerator: number; denominator: number; value: number | null } {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}
