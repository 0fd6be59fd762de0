import { describe, expect, it } from 'vitest';
import { monthKey, monthsBetween, startOfIsoDate } from '../../../signaling/reports/time-zone.js';

describe('startOfIsoDate', () => {
  it('is midnight UTC in UTC', () => {
    expect(startOfIsoDate('2025-03-01', 'UTC')).toBe(Date.UTC(2025, 2, 1));
    expect(startOfIsoDate('2025-03-01', 'UTC', true)).toBe(Date.UTC(2025, 2, 2));
  });
  it('follows the zone’s offset, winter and summer', () => {
    expect(startOfIsoDate('2025-01-15', 'Europe/London')).toBe(Date.UTC(2025, 0, 15));
    expect(startOfIsoDate('2025-07-15', 'Europe/London')).toBe(Date.UTC(2025, 6, 14, 23));
    expect(startOfIsoDate('2025-07-15', 'America/New_York')).toBe(Date.UTC(2025, 6, 15, 4));
    expect(startOfIsoDate('2025-07-15', 'Asia/Kolkata')).toBe(Date.UTC(2025, 6, 14, 18, 30));
  });
  it('handles the days the clocks change and month/year ends', () => {
    // London: clocks go forward 2025-03-30 01:00 UTC, back 2025-10-26 01:00 UTC.
    expect(startOfIsoDate('2025-03-30', 'Europe/London')).toBe(Date.UTC(2025, 2, 30));
    expect(startOfIsoDate('2025-03-30', 'Europe/London', true)).toBe(Date.UTC(2025, 2, 30, 23));
    expect(startOfIsoDate('2025-10-26', 'Europe/London')).toBe(Date.UTC(2025, 9, 25, 23));
    expect(startOfIsoDate('2025-12-31', 'UTC', true)).toBe(Date.UTC(2026, 0, 1));
    expect(startOfIsoDate('2024-02-28', 'UTC', true)).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('monthKey', () => {
  it('reads the month in the zone', () => {
    const justAfterMidnightBst = Date.UTC(2025, 3, 30, 23, 30); // 1 May 00:30 in London
    expect(monthKey(justAfterMidnightBst, 'Europe/London')).toBe('2025-05');
    expect(monthKey(justAfterMidnightBst, 'UTC')).toBe('2025-04');
  });
});

describe('monthsBetween', () => {
  it('lists every month inclusive, across a year end', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2025-05', '2025-05')).toEqual(['2025-05']);
    expect(monthsBetween('2025-06', '2025-05')).toEqual([]);
  });
});
