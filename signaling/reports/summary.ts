import { sql } from 'kysely';
import type { Data } from '../db/data.js';
import type { ReportSummary } from '../protocol.js';
import { CALL_COUNT_COLUMNS, IS_ANSWERED, pickCounts } from './call-counts.js';
import { callScope, type ReportFilters } from './filters.js';
import { mean, median, nearestRankPercentile, ratio } from './stats.js';

interface AnsweredRow {
  waitMs: number;
  targetMs: number;
  lengthMs: number | null;
  hasAdvice: number;
}

/** Headline figures: counts, answer rate, time to answer, service level, call length, avoided share. */
export async function summaryFigures(data: Data, f: ReportFilters): Promise<ReportSummary> {
  const scope = callScope(f);
  const totals = await sql<Record<string, unknown>>`SELECT ${CALL_COUNT_COLUMNS} FROM ${scope.from} WHERE ${scope.where}`.execute(data.q());
  const counts = pickCounts(totals.rows[0] ?? {});
  // EXISTS is a boolean on PostgreSQL and 0/1 on SQLite: the CASE makes it 0/1 on both.
  const { rows } = await sql<AnsweredRow>`
    SELECT c.answered_at - c.created_at AS "waitMs",
           CAST(l.answer_target_sec AS BIGINT) * 1000 AS "targetMs",
           CASE WHEN c.ended_at IS NULL THEN NULL ELSE c.ended_at - c.answered_at END AS "lengthMs",
           CASE WHEN EXISTS (SELECT 1 FROM outcomes ao WHERE ao.call_id = c.id AND ao.side = 'advice') THEN 1 ELSE 0 END AS "hasAdvice"
      FROM ${scope.from}
     WHERE ${scope.where} AND ${IS_ANSWERED}`.execute(data.q());
  const answered = rows.map((r) => ({
    waitMs: Number(r.waitMs),
    targetMs: Number(r.targetMs),
    lengthMs: r.lengthMs === null ? null : Number(r.lengthMs),
    hasAdvice: Number(r.hasAdvice),
  }));

  const waits = answered.map((r) => r.waitMs);
  const lengths = answered.flatMap((r) => (r.lengthMs === null ? [] : [r.lengthMs]));
  const withinTarget = answered.filter((r) => r.waitMs <= r.targetMs).length;
  return {
    ...counts,
    answerRate: ratio(counts.answered, counts.offered),
    timeToAnswer: { count: waits.length, averageMs: mean(waits), p90Ms: nearestRankPercentile(waits, 90) },
    answeredWithinTarget: withinTarget,
    serviceLevel: ratio(withinTarget, counts.offered),
    callLength: { count: lengths.length, medianMs: median(lengths) },
    avoidedShare: ratio(counts.avoided, counts.withPatientOutcome),
    answeredWithoutPatientOutcome: counts.answered - counts.withPatientOutcome,
    answeredWithoutAdviceOutcome: answered.filter((r) => !r.hasAdvice).length,
  };
}
