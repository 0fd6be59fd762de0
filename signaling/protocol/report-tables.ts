import type { CallCounts, ReportResponse, ReportTable } from './reports.js';

/**
 * The table behind each report chart: the server writes it as CSV, the Reports view shows it
 * under the chart. One function for both, so the download and the screen always agree.
 */
export type TableCell = string | number | null;
export interface TableData {
  header: string[];
  rows: TableCell[][];
}

/** CallCounts columns, in table order. */
export const CALL_COUNT_KEYS = [
  'offered',
  'answered',
  'abandoned',
  'unanswered',
  'failed',
  'waiting',
  'withPatientOutcome',
  'avoided',
] as const satisfies readonly (keyof CallCounts)[];

const countCells = (c: CallCounts): number[] => CALL_COUNT_KEYS.map((k) => c[k]);

/** The summary as figure/value rows; shares are fractions 0–1, times are milliseconds. */
function summaryTable(r: ReportResponse): TableData {
  const s = r.summary;
  const rows: TableCell[][] = [
    ['from', r.range.from === 0 ? '' : new Date(r.range.from).toISOString(), ''],
    ['to_exclusive', r.range.to >= 8.64e15 ? '' : new Date(r.range.to).toISOString(), ''],
    ...CALL_COUNT_KEYS.map((k): TableCell[] => [k, s[k], '']),
    ['answer_rate', s.answerRate.value, 'answered / offered'],
    ['time_to_answer_count', s.timeToAnswer.count, 'answered calls'],
    ['time_to_answer_avg_ms', s.timeToAnswer.averageMs, 'answered_at - created_at'],
    ['time_to_answer_p90_ms', s.timeToAnswer.p90Ms, 'nearest rank'],
    ['answered_within_target', s.answeredWithinTarget, "within the line's answer target"],
    ['service_level', s.serviceLevel.value, 'answered within target / offered'],
    ['call_length_count', s.callLength.count, 'answered calls that have ended'],
    ['call_length_median_ms', s.callLength.medianMs, 'ended_at - answered_at'],
    ['avoided_share', s.avoidedShare.value, 'avoided / answered calls with a patient outcome'],
    ['answered_without_patient_outcome', s.answeredWithoutPatientOutcome, ''],
    ['answered_without_advice_outcome', s.answeredWithoutAdviceOutcome, ''],
  ];
  return { header: ['figure', 'value', 'definition'], rows };
}

export function reportTable(r: ReportResponse, table: ReportTable): TableData {
  switch (table) {
    case 'summary':
      return summaryTable(r);
    case 'by-specialty':
      return { header: ['specialty', ...CALL_COUNT_KEYS], rows: r.bySpecialty.map((x) => [x.specialty, ...countCells(x)]) };
    case 'by-month':
      return { header: ['month', ...CALL_COUNT_KEYS], rows: r.byMonth.map((x) => [x.month, ...countCells(x)]) };
    case 'by-caller-organisation':
      return {
        header: ['organisation_id', 'organisation_name', ...CALL_COUNT_KEYS],
        rows: r.byCallerOrganisation.map((x) => [x.organisationId, x.organisationName, ...countCells(x)]),
      };
    case 'by-professional-group':
      return {
        header: ['professional_group', ...CALL_COUNT_KEYS],
        rows: r.byProfessionalGroup.map((x) => [x.professionalGroup, ...countCells(x)]),
      };
    case 'outcomes':
      return {
        header: ['side', 'code', 'label', 'category', 'count'],
        rows: r.outcomes.map((x) => [x.side, x.code, x.label, x.category, x.count]),
      };
    case 'outcome-categories':
      return { header: ['side', 'category', 'count'], rows: r.outcomeCategories.map((x) => [x.side, x.category, x.count]) };
    case 'topics':
      return {
        header: ['line_id', 'line_name', 'rank', 'topic', 'count'],
        rows: r.topics.map((x) => [x.lineId, x.lineName, x.rank, x.topic, x.count]),
      };
  }
}
