import { describe, expect, it } from 'vitest';
import { parseArgs, phaseMsFor, TARGET_RATE } from '../../bench/config.js';
import { benchUserAt } from '../../bench/seed.js';
import { highestRateUnder, percentile, percentileRatioInterval, ratio, summarize, withinFactor } from '../../bench/stats.js';

describe('bench percentile math', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('uses nearest rank: always one of the samples, never interpolated', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([10, 20, 30, 40, 1000], 99)).toBe(1000);
  });

  it('has no percentile of nothing and refuses a p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('summarises without changing the samples', () => {
    const samples = [3, 1, 2];
    expect(summarize(samples)).toEqual({ count: 3, p50: 2, p95: 3, p99: 3, max: 3 });
    expect(samples).toEqual([3, 1, 2]);
    expect(summarize([])).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
    expect(summarize(hundred)).toMatchObject({ p50: 50, p95: 95, p99: 99, max: 100 });
  });
});

describe('bench ratios and targets', () => {
  it('divides by the floor, and says nothing when a figure is missing or the floor is zero', () => {
    expect(ratio(15, 10)).toBe(1.5);
    expect(ratio(5, 10)).toBe(0.5);
    expect(ratio(null, 10)).toBeNull();
    expect(ratio(5, null)).toBeNull();
    expect(ratio(5, 0)).toBeNull();
  });

  it('meets a factor target at exactly the factor and misses just above it', () => {
    expect(withinFactor(15, 10, 1.5)).toBe(true);
    expect(withinFactor(15.01, 10, 1.5)).toBe(false);
    expect(withinFactor(13, 10, 1.3)).toBe(true);
    expect(withinFactor(null, 10, 1.3)).toBeNull();
  });

  it('takes the highest rate under the limit, stopping at the first rate that fails', () => {
    expect(highestRateUnder([{ rate: 50, p99: 40 }, { rate: 20, p99: 10 }, { rate: 100, p99: 99.9 }], 100)).toBe(100);
    expect(highestRateUnder([{ rate: 20, p99: 10 }, { rate: 50, p99: 100 }, { rate: 100, p99: 90 }], 100)).toBe(20);
    expect(highestRateUnder([{ rate: 20, p99: 150 }], 100)).toBeNull();
    expect(highestRateUnder([{ rate: 20, p99: 10 }, { rate: 50, p99: null }], 100)).toBe(20);
  });
});

describe('bench set-up', () => {
  it('keeps 1 specialist in 20, spread evenly over the lines, in every prefix of the population', () => {
    const layout = { lines: 50, specialistEvery: 20 };
    const first = Array.from({ length: 10_000 }, (_, i) => benchUserAt(i, layout));
    const specialists = first.filter((u) => u.role === 'specialist');
    expect(specialists).toHaveLength(500);
    const perLine = new Map<string, number>();
    for (const s of specialists) perLine.set(s.lineId, (perLine.get(s.lineId) ?? 0) + 1);
    expect(perLine.size).toBe(50);
    expect(new Set(perLine.values())).toEqual(new Set([10]));
    expect(new Set(first.filter((u) => u.role === 'caller').map((u) => u.lineId)).size).toBe(50);
  });

  it('parses --quick and explicit steps, and refuses unknown options', () => {
    expect(parseArgs([]).steps).toEqual([1000, 5000, 10000, 20000]);
    const quick = parseArgs(['--quick']);
    expect(quick.mode).toBe('quick');
    expect(quick.steps).toContain(quick.ringAt);
    expect(parseArgs(['--steps=3000,1000', '--ring-at=2000']).steps).toEqual([1000, 3000]);
    expect(parseArgs(['--steps=3000,1000', '--ring-at=2000']).ringAt).toBe(1000);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/);
    expect(() => parseArgs(['--steps=0'])).toThrow(/positive/);
  });

  it('runs only the call rates asked for with --rates', () => {
    expect(parseArgs([]).rates).toEqual([20, 50, 100]);
    expect(parseArgs(['--rates=100,50,50']).rates).toEqual([50, 100]);
    expect(() => parseArgs(['--rates=fast'])).toThrow(/--rates/);
  });

  it('runs the target rate longer than the others, unless --phase sets them all', () => {
    const cfg = parseArgs([]);
    expect(phaseMsFor(cfg, TARGET_RATE)).toBeGreaterThanOrEqual(2 * phaseMsFor(cfg, 20));
    const even = parseArgs(['--phase=40']);
    expect([phaseMsFor(even, 20), phaseMsFor(even, TARGET_RATE)]).toEqual([40_000, 40_000]);
    expect(even.watchdogMs).toBeGreaterThan(cfg.watchdogMs + 2 * 40_000); // the longer phases on both servers
  });

  it('passes --node-args to both servers as separate flags, and refuses what is not a flag', () => {
    expect(parseArgs([]).serverNodeArgs).toEqual([]);
    expect(parseArgs(['--node-args=--max-semi-space-size=32,--trace-gc']).serverNodeArgs).toEqual(['--max-semi-space-size=32', '--trace-gc']);
    expect(() => parseArgs(['--node-args=trace-gc'])).toThrow(/not a Node flag/);
  });
});

describe('bench p99 ratio interval (resampling whole calls)', () => {
  /** `calls` calls of `rings` rings each, spread over [1, 3) ms by a fixed sequence, times `scale`. */
  const run = (calls: number, rings: number, scale: number, offset = 0) =>
    Array.from({ length: calls }, (_, c) => Array.from({ length: rings }, (_, r) => scale * (1 + (((c * rings + r + offset) * 7919) % 1000) / 500)));

  it('brackets 1 for two runs alike, and 2 (not 1.5) for a run twice as slow', () => {
    const floor = run(300, 10, 1);
    const same = percentileRatioInterval(run(300, 10, 1, 3), floor)!;
    expect(same.low).toBeLessThanOrEqual(1);
    expect(same.high).toBeGreaterThanOrEqual(1);
    const slow = percentileRatioInterval(run(300, 10, 2, 3), floor)!;
    expect(slow.low).toBeGreaterThan(1.5);
    expect(slow.low).toBeLessThanOrEqual(2);
    expect(slow.high).toBeGreaterThanOrEqual(2);
    expect(slow.level).toBe(0.95);
  });

  it('is wider when the slow rings come together in a few calls (one pause) than spread over many', () => {
    const floor = run(400, 10, 1);
    const withSlow = (slowCalls: number) => {
      const calls = run(400, 10, 1, 5);
      // 80 slow rings, 2 % of them: ten each in eight calls, or one each in eighty.
      for (let i = 0; i < 80; i++) calls[(i % slowCalls) * Math.floor(400 / slowCalls)]![Math.floor(i / slowCalls)] = 30;
      return calls;
    };
    const width = (i: { low: number; high: number }) => i.high - i.low;
    const together = percentileRatioInterval(withSlow(8), floor)!;
    const spread = percentileRatioInterval(withSlow(80), floor)!;
    expect(width(together)).toBeGreaterThan(2 * width(spread));
  });

  it('is exactly the ratio of the p99s when every call is alike, whatever is resampled', () => {
    const call = Array.from({ length: 100 }, (_, i) => 1 + i / 10); // p99 (nearest rank) 10.8, max 10.9
    const floorCall = Array.from({ length: 100 }, (_, i) => 1 + i / 100); // p99 1.98
    const i = percentileRatioInterval(Array(20).fill(call), Array(20).fill(floorCall))!;
    expect(i.low).toBeCloseTo(10.8 / 1.98, 10);
    expect(i.high).toBeCloseTo(10.8 / 1.98, 10);
    // Alike below the top 1 %, apart in it: the interval is the top's ratio, not 1.
    const top = percentileRatioInterval(Array(20).fill([...floorCall.slice(0, 98), 50, 60]), Array(20).fill(floorCall))!;
    expect(top.low).toBeCloseTo(50 / 1.98, 10);
  });

  it('refuses a percentile outside (0, 100]', () => {
    expect(() => percentileRatioInterval([[1]], [[1]], { p: 0 })).toThrow(RangeError);
  });

  it('is reproducible, leaves the samples alone, and has no interval without samples or with a zero floor', () => {
    const a = run(50, 10, 1.2);
    const b = run(50, 10, 1);
    const copy = structuredClone(a);
    expect(percentileRatioInterval(a, b)).toEqual(percentileRatioInterval(a, b));
    expect(a).toEqual(copy);
    expect(percentileRatioInterval([], b)).toBeNull();
    expect(percentileRatioInterval([[], []], b)).toBeNull();
    expect(percentileRatioInterval(a, [])).toBeNull();
    expect(percentileRatioInterval(a, [[0, 0]])).toBeNull();
  });
});
