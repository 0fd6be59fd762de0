import { sql } from 'kysely';
import type { Data } from '../db/data.js';
import type { MonthRow } from '../protocol.js';
import { CALL_COUNT_KEYS } from '../protocol.js';
import { CALL_COUNT_COLUMNS, emptyCounts, pickCounts } from './call-counts.js';
import { callScope, type ReportFilters } from './filters.js';
import { monthKey, monthsBetween } from './time-zone.js';

/**
 * Calls per month in the report's time zone, gap-free from the first month with a call to the
 * last. Grouped per minute in SQL (every zone offset is a whole number of minutes), then bucketed
 * into local months in JS, since SQLite knows no time zones. created_at is an integer on both
 * stores (BIGINT on PostgreSQL), so `/ 60000` is integer division on both; the expression is
 * repeated rather than grouped by its alias, which PostgreSQL allows only as a whole GROUP BY item.
 */
export async function byMonth(data: Data, f: ReportFilters): Promise<MonthRow[]> {
  const scope = callScope(f);
  const { rows } = await sql<Record<string, unknown>>`
    SELECT c.created_at / 60000 AS minute, ${CALL_COUNT_COLUMNS}
      FROM ${scope.from}
     WHERE ${scope.where}
     GROUP BY c.created_at / 60000
     ORDER BY c.created_at / 60000`.execute(data.q());
  const months = new Map<string, MonthRow>();
  for (const r of rows) {
    const key = monthKey(Number(r.minute) * 60000, f.timeZone);
    const bucket = months.get(key) ?? { month: key, ...emptyCounts() };
    const counts = pickCounts(r);
    for (const k of CALL_COUNT_KEYS) bucket[k] += counts[k];
    months.set(key, bucket);
  }
  const keys = [...months.keys()].sort();
  if (keys.length === 0) return [];
  return monthsBetween(keys[0] as string, keys[keys.length - 1] as string).map((m) => months.get(m) ?? { month: m, ...emptyCounts() });
}
