import { sql } from 'kysely';
import type { Data } from '../db/data.js';
import type { ReportResponse } from '../protocol.js';
import { byCallerOrganisation, byProfessionalGroup, bySpecialty } from './breakdowns.js';
import type { ReportFilters } from './filters.js';
import { outcomeCategories, outcomeMix } from './outcome-mix.js';
import { summaryFigures } from './summary.js';
import { topicsByLine } from './topics.js';
import { byMonth } from './trend.js';

/**
 * Every figure and table of a report, read in one transaction so they agree with each other: on
 * SQLite a transaction reads one snapshot; on PostgreSQL only a REPEATABLE READ one does (its
 * default READ COMMITTED gives each statement its own), so a report's own transaction asks for it,
 * read-only, as its first statement. Inside a caller's transaction the report joins that instead.
 */
export async function buildReport(data: Data, f: ReportFilters, now: number = Date.now()): Promise<ReportResponse> {
  const own = !data.inTransaction();
  return data.transaction(async (): Promise<ReportResponse> => {
    if (own && data.dialect === 'postgres') await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(data.q());
    const outcomes = await outcomeMix(data, f);
    const { from, to, timeZone, ...filters } = f;
    return {
      range: { from, to, timeZone },
      filters,
      generatedAt: now,
      summary: await summaryFigures(data, f),
      bySpecialty: await bySpecialty(data, f),
      byMonth: await byMonth(data, f),
      byCallerOrganisation: await byCallerOrganisation(data, f),
      byProfessionalGroup: await byProfessionalGroup(data, f),
      outcomes,
      outcomeCategories: outcomeCategories(outcomes),
      topics: await topicsByLine(data, f),
    };
  });
}
