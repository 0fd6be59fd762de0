import type { ProfessionalGroup, ReportTable } from '../../signaling/protocol.js';

/** A share as "62.5%", or an em dash when there is nothing to divide by. */
export function percent(value: number | null): string {
  if (value === null) return '—';
  return `${(Math.round(value * 1000) / 10).toLocaleString('en-GB')}%`;
}

/** Milliseconds as "45 s", "2 min 05 s", "1 h 02 min"; an em dash for null. */
export function duration(ms: number | null): string {
  if (ms === null) return '—';
  const totalSec = Math.round(ms / 1000);
  if (totalSec < 60) return `${totalSec} s`;
  const min = Math.floor(totalSec / 60);
  if (min < 60) return `${min} min ${String(totalSec % 60).padStart(2, '0')} s`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** What the filter form holds; empty strings mean "all". Dates are YYYY-MM-DD. */
export interface ReportFilterState {
  from: string;
  to: string;
  lineId: string;
  providerOrgId: string;
  callerOrgId: string;
  professionalGroup: ProfessionalGroup | '';
}

export function reportQueryString(f: ReportFilterState): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export const reportPath = (f: ReportFilterState): string => `/api/reports${reportQueryString(f)}`;
export const csvPath = (table: ReportTable, f: ReportFilterState): string => `/api/reports/${table}.csv${reportQueryString(f)}`;
export const csvFilename = (table: ReportTable, f: ReportFilterState): string =>
  `oncall-${table}${f.from ? `-${f.from}` : ''}${f.to ? `-to-${f.to}` : ''}.csv`;

const isoDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Default range: the first day of the month eleven months back, to today (twelve calendar months). */
export function defaultRange(today: Date = new Date()): { from: string; to: string } {
  return { from: isoDay(new Date(today.getFullYear(), today.getMonth() - 11, 1)), to: isoDay(today) };
}
