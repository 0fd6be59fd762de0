import { CALL_COUNT_KEYS, type CallCounts } from '../protocol.js';

/** Answered = accepted by a specialist and the media came up (state connected, wrap_up or closed). Used by every figure. */
export const IS_ANSWERED = `(c.state IN ('connected', 'wrap_up', 'closed'))`;

/** SELECT columns giving CallCounts for the rows of a callScope (needs the `po` join). */
export const CALL_COUNT_COLUMNS = `
  COUNT(*) AS offered,
  COALESCE(SUM(${IS_ANSWERED}), 0) AS answered,
  COALESCE(SUM(c.state = 'abandoned'), 0) AS abandoned,
  COALESCE(SUM(c.state = 'unanswered'), 0) AS unanswered,
  COALESCE(SUM(c.state = 'failed'), 0) AS failed,
  COALESCE(SUM(c.state IN ('queued', 'ringing')), 0) AS waiting,
  COALESCE(SUM(${IS_ANSWERED} AND po.id IS NOT NULL), 0) AS withPatientOutcome,
  COALESCE(SUM(${IS_ANSWERED} AND po.category = 'avoided'), 0) AS avoided`;

export function emptyCounts(): CallCounts {
  return { offered: 0, answered: 0, abandoned: 0, unanswered: 0, failed: 0, waiting: 0, withPatientOutcome: 0, avoided: 0 };
}

export function pickCounts(row: Record<string, unknown>): CallCounts {
  const out = emptyCounts();
  for (const k of CALL_COUNT_KEYS) out[k] = Number(row[k] ?? 0);
  return out;
}
