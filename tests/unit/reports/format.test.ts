import { describe, expect, it } from 'vitest';
import { csvFilename, csvPath, defaultRange, duration, percent, reportPath } from '../../../renderer/reports/format.js';

describe('report formatting', () => {
  it('percent', () => {
    expect(percent(0.625)).toBe('62.5%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('—');
  });
  it('duration', () => {
    expect(duration(null)).toBe('—');
    expect(duration(400)).toBe('0 s');
    expect(duration(45_000)).toBe('45 s');
    expect(duration(125_000)).toBe('2 min 05 s');
    expect(duration(3_720_000)).toBe('1 h 02 min');
  });
  it('builds report and CSV paths from the filters, leaving out empty ones', () => {
    const f = { from: '2025-01-01', to: '2025-03-31', lineId: 'line-a', providerOrgId: '', callerOrgId: '', professionalGroup: 'gp' as const };
    expect(reportPath(f)).toBe('/api/reports?from=2025-01-01&to=2025-03-31&lineId=line-a&professionalGroup=gp');
    expect(csvPath('by-month', f)).toBe('/api/reports/by-month.csv?from=2025-01-01&to=2025-03-31&lineId=line-a&professionalGroup=gp');
    expect(csvFilename('topics', f)).toBe('oncall-topics-2025-01-01-to-2025-03-31.csv');
    expect(reportPath({ ...f, from: '', to: '', lineId: '', professionalGroup: '' })).toBe('/api/reports');
  });
  it('defaults to twelve calendar months up to today', () => {
    expect(defaultRange(new Date(2025, 2, 15))).toEqual({ from: '2024-04-01', to: '2025-03-15' });
    expect(defaultRange(new Date(2025, 11, 31))).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
});
