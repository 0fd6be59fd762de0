import { sql, type RawBuilder } from 'kysely';
import type { Data } from '../db/data.js';
import type { CallerOrganisationRow, ProfessionalGroupRow, SpecialtyRow } from '../protocol.js';
import { CALL_COUNT_COLUMNS, pickCounts } from './call-counts.js';
import { bytewise, callScope, type ReportFilters } from './filters.js';

/** Call counts grouped by one dimension; rows sum to the summary's counts. Most offered first, ties by the key. */
async function groupCounts(data: Data, f: ReportFilters, keys: RawBuilder<unknown>, groupBy: RawBuilder<unknown>): Promise<Record<string, unknown>[]> {
  const scope = callScope(f);
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${keys}, ${CALL_COUNT_COLUMNS}
      FROM ${scope.from}
     WHERE ${scope.where}
     GROUP BY ${groupBy}
     ORDER BY COUNT(*) DESC, ${bytewise(data, groupBy)}`.execute(data.q());
  return rows;
}

export async function bySpecialty(data: Data, f: ReportFilters): Promise<SpecialtyRow[]> {
  const rows = await groupCounts(data, f, sql`l.specialty AS specialty`, sql`l.specialty`);
  return rows.map((r) => ({ specialty: String(r.specialty), ...pickCounts(r) }));
}

export async function byCallerOrganisation(data: Data, f: ReportFilters): Promise<CallerOrganisationRow[]> {
  const rows = await groupCounts(
    data,
    f,
    sql`u.organisation_id AS "organisationId", (SELECT o.name FROM organisations o WHERE o.id = u.organisation_id) AS "organisationName"`,
    sql`u.organisation_id`,
  );
  return rows.map((r) => ({ organisationId: String(r.organisationId), organisationName: String(r.organisationName ?? r.organisationId), ...pickCounts(r) }));
}

export async function byProfessionalGroup(data: Data, f: ReportFilters): Promise<ProfessionalGroupRow[]> {
  const rows = await groupCounts(data, f, sql`u.professional_group AS "professionalGroup"`, sql`u.professional_group`);
  return rows.map((r) => ({ professionalGroup: String(r.professionalGroup), ...pickCounts(r) }));
}
