import { sql } from 'kysely';
import { CALL_COUNT_KEYS, type CallCounts } from '../protocol.js';

/** Answered = accepted by a specialist and the media came up (state connected, wrap_up or closed). Used by every figure. */
export const IS_ANSWERED = sql`(c.state IN ('connected', 'wrap_up', 'closed'))`;

/**
 * SELECT columns giving CallCounts for the rows of a callScope (needs the `po` join). COUNT of a
 * CASE without ELSE counts the rows where the condition holds: 0, never NULL, for no rows, and no
 * boolean arithmetic (SQLite's SUM(a = b) has no PostgreSQL equivalent). Aliases are quoted so
 * PostgreSQL keeps their case.
 */
export const CALL_COUNT_COLUMNS = sql`
  COUNT(*) AS offered,
  COUNT(CASE WHEN ${IS_ANSWERED} THEN 1 END) AS answered,
  COUNT(CASE WHEN c.state = 'abandoned' THEN 1 END) AS abandoned,
  COUNT(CASE WHEN c.state = 'unanswered' THEN 1 END) AS unanswered,
  COUNT(CASE WHEN c.state = 'failed' THEN 1 END) AS failed,
  COUNT(CASE WHEN c.state IN ('queued', 'ringing') THEN 1 END) AS waiting,
  COUNT(CASE WHEN ${IS_ANSWERED} AND po.id IS NOT NULL THEN 1 END) AS "withPatientOutcome",
  COUNT(CASE WHEN ${IS_ANSWERED} AND po.category = 'avoided' THEN 1 END) AS avoided`;

export function emptyCounts(): CallCounts {
  return { offered: 0, answered: 0, abandoned: 0, unanswered: 0, failed: 0, waiting: 0, withPatientOutcome: 0, avoided: 0 };
}

export function pickCounts(row: Record<string, unknown>): CallCounts {
  const out = emptyCounts();
  for (const k of CALL_COUNT_KEYS) out[k] = Number(row[k] ?? 0);
  return out;
}
