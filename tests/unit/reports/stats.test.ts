import { describe, expect, it } from 'vitest';
import { mean, median, nearestRankPercentile, ratio } from '../../../signaling/reports/stats.js';

describe('nearestRankPercentile', () => {
  it('takes the value at rank ⌈p·n⌉ of the sorted list', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(nearestRankPercentile(ten, 90)).toBe(9); // rank 9, not 10 despite 0.9*10 float error
    expect(nearestRankPercentile(ten, 91)).toBe(10); // rank ⌈9.1⌉ = 10
    expect(nearestRankPercentile(ten, 50)).toBe(5);
    expect(nearestRankPercentile(ten, 100)).toBe(10);
    expect(nearestRankPercentile(ten, 1)).toBe(1);
  });

  it('handles tiny and unsorted inputs, and never interpolates', () => {
    expect(nearestRankPercentile([42], 90)).toBe(42);
    expect(nearestRankPercentile([300, 100], 90)).toBe(300);
    expect(nearestRankPercentile([300, 100], 50)).toBe(100);
    expect(nearestRankPercentile([5, 1, 4, 2, 3], 90)).toBe(5); // rank ⌈4.5⌉ = 5
    expect(nearestRankPercentile([5, 1, 4, 2, 3], 80)).toBe(4); // rank 4
  });

  it('returns null for no values and rejects a percentile outside (0, 100]', () => {
    expect(nearestRankPercentile([], 90)).toBeNull();
    expect(() => nearestRankPercentile([1], 0)).toThrow(RangeError);
    expect(() => nearestRankPercentile([1], 101)).toThrow(RangeError);
    expect(() => nearestRankPercentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    nearestRankPercentile(values, 90);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('median', () => {
  it('is the middle value for an odd count', () => {
    expect(median([7, 1, 3])).toBe(3);
    expect(median([4])).toBe(4);
  });
  it('is the mean of the two middle values for an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });
  it('is null for no values', () => expect(median([])).toBeNull());
});

describe('mean and ratio', () => {
  it('mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
  });
  it('ratio keeps numerator and denominator and is null over zero', () => {
    expect(ratio(3, 4)).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
  });
});
