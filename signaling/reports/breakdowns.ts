import type Database from 'better-sqlite3';
import type { CallerOrganisationRow, ProfessionalGroupRow, SpecialtyRow } from '../protocol.js';
import { CALL_COUNT_COLUMNS, pickCounts } from './call-counts.js';
import { callScope, type ReportFilters } from './filters.js';

/** Call counts grouped by one dimension; rows sum to the summary's counts. Most offered first. */
function groupCounts(db: Database.Database, f: ReportFilters, keys: string, groupBy: string): Record<string, unknown>[] {
  const scope = callScope(f);
  return db
    .prepare(`SELECT ${keys}, ${CALL_COUNT_COLUMNS} FROM ${scope.from} WHERE ${scope.where} GROUP BY ${groupBy} ORDER BY offered DESC, ${groupBy}`)
    .all(scope.params) as Record<string, unknown>[];
}

export function bySpecialty(db: Database.Database, f: ReportFilters): SpecialtyRow[] {
  return groupCounts(db, f, 'l.specialty AS specialty', 'l.specialty').map((r) => ({ specialty: String(r.specialty), ...pickCounts(r) }));
}

export function byCallerOrganisation(db: Database.Database, f: ReportFilters): CallerOrganisationRow[] {
  return groupCounts(
    db,
    f,
    `u.organisation_id AS organisationId, (SELECT name FROM organisations o WHERE o.id = u.organisation_id) AS organisationName`,
    'u.organisation_id',
  ).map((r) => ({ organisationId: String(r.organisationId), organisationName: String(r.organisationName ?? r.organisationId), ...pickCounts(r) }));
}

export function byProfessionalGroup(db: Database.Database, f: ReportFilters): ProfessionalGroupRow[] {
  return groupCounts(db, f, 'u.professional_group AS professionalGroup', 'u.professional_group').map((r) => ({
    professionalGroup: String(r.professionalGroup),
    ...pickCounts(r),
  }));
}
