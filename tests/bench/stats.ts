/** Percentiles and ratios for the bench table. Pure functions, unit-tested in tests/unit/bench/. */

export interface Summary {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/**
 * Nearest-rank percentile: the smallest sample such that at least p % of the samples are ≤ it.
 * Always one of the samples (no interpolation), so p99 of 100 samples is the 99th smallest.
 * Null for no samples.
 */
export function percentile(samples: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile: p must be in (0, 100], got ${p}`);
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]! };
}

/** value / floor; null when either is missing or the floor is not positive. */
export function ratio(value: number | null | undefined, floor: number | null | undefined): number | null {
  if (value == null || floor == null || !(floor > 0) || !Number.isFinite(value) || !Number.isFinite(floor)) return null;
  return value / floor;
}

/** Is `value` within `factor` × `floor`? Null (unknown) when either figure is missing. */
export function withinFactor(value: number | null | undefined, floor: number | null | undefined, factor: number): boolean | null {
  const r = ratio(value, floor);
  return r === null ? null : r <= factor;
}

/**
 * The highest tested rate whose p99 stays under `limitMs`, counting only rates below the first one
 * that fails (a rate that passes after a failing lower rate is noise, not capacity). Null if none.
 */
export function highestRateUnder(results: readonly { rate: number; p99: number | null }[], limitMs: number): number | null {
  let best: number | null = null;
  for (const r of [...results].sort((a, b) => a.rate - b.rate)) {
    if (r.p99 === null || r.p99 >= limitMs) break;
    best = r.rate;
  }
  return best;
}
