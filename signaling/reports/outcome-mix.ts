import { sql } from 'kysely';
import type { Data } from '../db/data.js';
import type { OutcomeCategory, OutcomeCategoryRow, OutcomeMixRow } from '../protocol.js';
import { IS_ANSWERED } from './call-counts.js';
import { bytewise, callScope, type ReportFilters } from './filters.js';

/**
 * Outcomes recorded for the answered calls in scope, both sides, by code and by category.
 * Per side, the rows sum to the answered calls with that side's outcome recorded.
 * A code's label is the one most recently stored (lines may relabel a code); of labels stored in
 * the same millisecond, the one with the greatest outcome id, so both stores pick the same.
 */
export async function outcomeMix(data: Data, f: ReportFilters): Promise<OutcomeMixRow[]> {
  const scope = callScope(f);
  const { rows } = await sql<Record<string, unknown>>`
    SELECT o.side AS side, o.code AS code, o.category AS category, COUNT(*) AS count,
           (SELECT o2.label FROM outcomes o2 WHERE o2.code = o.code AND o2.side = o.side
             ORDER BY o2.received_at DESC, ${bytewise(data, sql`o2.id`)} DESC LIMIT 1) AS label
      FROM ${scope.from}
      JOIN outcomes o ON o.call_id = c.id
     WHERE ${scope.where} AND ${IS_ANSWERED}
     GROUP BY o.side, o.code, o.category
     ORDER BY ${bytewise(data, sql`o.side`)}, COUNT(*) DESC, ${bytewise(data, sql`o.code`)}, ${bytewise(data, sql`o.category`)}`.execute(data.q());
  return rows.map((r) => ({
    side: r.side as OutcomeMixRow['side'],
    code: String(r.code),
    label: String(r.label),
    category: r.category as OutcomeMixRow['category'],
    count: Number(r.count),
  }));
}

/** The same outcomes summed per category. */
export function outcomeCategories(rows: readonly OutcomeMixRow[]): OutcomeCategoryRow[] {
  const sums = new Map<string, OutcomeCategoryRow>();
  for (const r of rows) {
    const key = `${r.side}|${r.category}`;
    const row = sums.get(key) ?? { side: r.side, category: r.category as OutcomeCategory, count: 0 };
    row.count += r.count;
    sums.set(key, row);
  }
  return [...sums.values()].sort((a, b) => a.side.localeCompare(b.side) || b.count - a.count || a.category.localeCompare(b.category));
}
