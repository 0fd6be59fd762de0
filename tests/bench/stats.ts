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

export interface RatioInterval {
  low: number;
  high: number;
  /** Share of resamples the interval holds, e.g. 0.95. */
  level: number;
}

/**
 * How far one run's p-th percentile ratio (a over b) could be from the machine's usual one: a
 * bootstrap interval, resampling whole calls with replacement on each side, since the rings of one
 * call share its fate (one pause delays all of them) and are not independent samples. Each side is
 * a list of calls, each call its samples. A fixed seed keeps a run's report reproducible from its
 * samples. Null when either side has no samples.
 */
export function percentileRatioInterval(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
  { p = 99, level = 0.95, resamples = 400, seed = 1 }: { p?: number; level?: number; resamples?: number; seed?: number } = {},
): RatioInterval | null {
  const groupsA = a.filter((g) => g.length > 0);
  const groupsB = b.filter((g) => g.length > 0);
  if (groupsA.length === 0 || groupsB.length === 0) return null;
  const random = mulberry32(seed);
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const r = ratio(resampledPercentile(groupsA, p, random), resampledPercentile(groupsB, p, random));
    if (r !== null) ratios.push(r);
  }
  if (ratios.length === 0) return null;
  ratios.sort((x, y) => x - y);
  const tail = Math.floor((ratios.length * (1 - level)) / 2); // resamples left out at each end
  return { low: ratios[tail]!, high: ratios[ratios.length - 1 - tail]!, level };
}

function resampledPercentile(groups: readonly (readonly number[])[], p: number, random: () => number): number | null {
  const picked: number[] = [];
  for (let i = 0; i < groups.length; i++) for (const v of groups[Math.floor(random() * groups.length)]!) picked.push(v);
  return percentile(picked, p);
}

/** A small seeded generator (mulberry32): uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
