import type Database from 'better-sqlite3';
import { transaction } from '../db/database.js';
import type { ReportResponse } from '../protocol.js';
import { byCallerOrganisation, byProfessionalGroup, bySpecialty } from './breakdowns.js';
import type { ReportFilters } from './filters.js';
import { outcomeCategories, outcomeMix } from './outcome-mix.js';
import { summaryFigures } from './summary.js';
import { topicsByLine } from './topics.js';
import { byMonth } from './trend.js';

/** Every figure and table of a report, read in one transaction so they agree with each other. */
export function buildReport(db: Database.Database, f: ReportFilters, now: number = Date.now()): ReportResponse {
  return transaction(db, (): ReportResponse => {
    const outcomes = outcomeMix(db, f);
    const { from, to, timeZone, ...filters } = f;
    return {
      range: { from, to, timeZone },
      filters,
      generatedAt: now,
      summary: summaryFigures(db, f),
      bySpecialty: bySpecialty(db, f),
      byMonth: byMonth(db, f),
      byCallerOrganisation: byCallerOrganisation(db, f),
      byProfessionalGroup: byProfessionalGroup(db, f),
      outcomes,
      outcomeCategories: outcomeCategories(outcomes),
      topics: topicsByLine(db, f),
    };
  });
}
