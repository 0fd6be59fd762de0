import type Database from 'better-sqlite3';
import type { OutcomeCategory, OutcomeCategoryRow, OutcomeMixRow } from '../protocol.js';
import { IS_ANSWERED } from './call-counts.js';
import { callScope, type ReportFilters } from './filters.js';

/**
 * Outcomes recorded for the answered calls in scope, both sides, by code and by category.
 * Per side, the rows sum to the answered calls with that side's outcome recorded.
 * A code's label is the one most recently stored (lines may relabel a code).
 */
export function outcomeMix(db: Database.Database, f: ReportFilters): OutcomeMixRow[] {
  const scope = callScope(f);
  return db
    .prepare(
      `SELECT o.side AS side, o.code AS code, o.category AS category, COUNT(*) AS count,
              (SELECT o2.label FROM outcomes o2 WHERE o2.code = o.code AND o2.side = o.side ORDER BY o2.received_at DESC LIMIT 1) AS label
         FROM ${scope.from}
         JOIN outcomes o ON o.call_id = c.id
        WHERE ${scope.where} AND ${IS_ANSWERED}
        GROUP BY o.side, o.code, o.category
        ORDER BY o.side, count DESC, o.code`,
    )
    .all(scope.params) as OutcomeMixRow[];
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
