import { z } from 'zod';
import { Id } from './common.js';
import { ProfessionalGroup } from './directory.js';
import type { OutcomeCategory } from './outcomes.js';

/**
 * Reports (admin only). GET /api/reports?<ReportQuery> → ReportResponse;
 * GET /api/reports/<table>.csv?<ReportQuery> → text/csv of one table, same filters.
 *
 * Definitions (also shown in the Reports view):
 * - A call belongs to the day (and month) it was created, read in `timeZone`.
 * - offered = every call created in the range; it is exactly one of answered, abandoned,
 *   unanswered, failed or waiting (still queued / ringing when the report ran).
 * - answered = accepted by a specialist and not ended `failed` (media never connected).
 * - time to answer = answered_at − created_at over answered calls; average and the 90th
 *   percentile by the nearest-rank method (the value at rank ⌈0.9·n⌉ of the sorted list).
 * - service level = calls answered within their line's answer target ÷ calls offered.
 * - call length = ended_at − answered_at over answered calls that have ended; median is the
 *   middle value (mean of the two middle values for an even count).
 * - avoided share = answered calls whose patient outcome is in category `avoided` ÷ answered
 *   calls with a patient outcome recorded; answered calls still without one are counted apart.
 */

/** Epoch milliseconds, a calendar date (YYYY-MM-DD, read in `timeZone`) or an ISO date-time with offset. */
export const ReportDate = z.union([z.string().regex(/^\d{1,15}$/), z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'date: YYYY-MM-DD, epoch milliseconds, or an ISO date-time with offset',
});

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Query string of every report endpoint. `to` is exclusive for epoch/date-time, inclusive for a calendar date. */
export const ReportQuery = z.strictObject({
  from: ReportDate.optional(),
  to: ReportDate.optional(),
  lineId: Id.optional(),
  providerOrgId: Id.optional(),
  callerOrgId: Id.optional(),
  professionalGroup: ProfessionalGroup.optional(),
  timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone').default('Europe/London'),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** The tables behind the charts; each is downloadable as /api/reports/<name>.csv. */
export const ReportTable = z.enum([
  'summary',
  'by-specialty',
  'by-month',
  'by-caller-organisation',
  'by-professional-group',
  'outcomes',
  'outcome-categories',
  'topics',
]);
export type ReportTable = z.infer<typeof ReportTable>;

/** A share with what it was computed from; value is null when the denominator is 0. */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

/** Counts for one group of calls. offered = answered + abandoned + unanswered + failed + waiting. */
export interface CallCounts {
  offered: number;
  answered: number;
  abandoned: number;
  unanswered: number;
  failed: number;
  waiting: number;
  /** Answered calls with a patient outcome recorded (the avoided share's denominator). */
  withPatientOutcome: number;
  /** Answered calls whose patient outcome is in category `avoided`. */
  avoided: number;
}

export interface ReportSummary extends CallCounts {
  answerRate: Ratio;
  timeToAnswer: { count: number; averageMs: number | null; p90Ms: number | null };
  answeredWithinTarget: number;
  serviceLevel: Ratio;
  callLength: { count: number; medianMs: number | null };
  avoidedShare: Ratio;
  answeredWithoutPatientOutcome: number;
  answeredWithoutAdviceOutcome: number;
}

export interface SpecialtyRow extends CallCounts {
  specialty: string;
}
export interface MonthRow extends CallCounts {
  /** YYYY-MM in the report's time zone. */
  month: string;
}
export interface CallerOrganisationRow extends CallCounts {
  organisationId: string;
  organisationName: string;
}
export interface ProfessionalGroupRow extends CallCounts {
  professionalGroup: string;
}
export interface OutcomeMixRow {
  side: 'advice' | 'patient';
  code: string;
  label: string;
  category: OutcomeCategory;
  count: number;
}
export interface OutcomeCategoryRow {
  side: 'advice' | 'patient';
  category: OutcomeCategory;
  count: number;
}
export interface TopicRow {
  lineId: string;
  lineName: string;
  /** 1 = most asked on this line; ties share the order of their names. */
  rank: number;
  topic: string;
  count: number;
}

export interface ReportResponse {
  /** The resolved range: [from, to) in epoch ms, and the filters applied. */
  range: { from: number; to: number; timeZone: string };
  filters: Omit<ReportQuery, 'from' | 'to' | 'timeZone'>;
  generatedAt: number;
  summary: ReportSummary;
  bySpecialty: SpecialtyRow[];
  byMonth: MonthRow[];
  byCallerOrganisation: CallerOrganisationRow[];
  byProfessionalGroup: ProfessionalGroupRow[];
  outcomes: OutcomeMixRow[];
  outcomeCategories: OutcomeCategoryRow[];
  topics: TopicRow[];
}
