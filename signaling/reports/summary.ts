import type Database from 'better-sqlite3';
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
export function summaryFigures(db: Database.Database, f: ReportFilters): ReportSummary {
  const scope = callScope(f);
  const counts = pickCounts(db.prepare(`SELECT ${CALL_COUNT_COLUMNS} FROM ${scope.from} WHERE ${scope.where}`).get(scope.params) as Record<string, unknown>);
  const answered = db
    .prepare(
      `SELECT c.answered_at - c.created_at AS waitMs,
              l.answer_target_sec * 1000 AS targetMs,
              CASE WHEN c.ended_at IS NULL THEN NULL ELSE c.ended_at - c.answered_at END AS lengthMs,
              EXISTS (SELECT 1 FROM outcomes ao WHERE ao.call_id = c.id AND ao.side = 'advice') AS hasAdvice
         FROM ${scope.from} WHERE ${scope.where} AND ${IS_ANSWERED}`,
    )
    .all(scope.params) as AnsweredRow[];

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
