import { sql, type RawBuilder } from 'kysely';
import type { Data } from '../db/data.js';
import type { ProfessionalGroup, ReportQuery } from '../protocol.js';
import { startOfIsoDate } from './time-zone.js';

/** A report query with its range resolved to [from, to) epoch ms. */
export interface ReportFilters {
  from: number;
  to: number;
  timeZone: string;
  lineId?: string;
  providerOrgId?: string;
  callerOrgId?: string;
  professionalGroup?: ProfessionalGroup;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH = /^\d+$/;
/** Far enough for "all time" and still an exact integer in SQLite, PostgreSQL's BIGINT and JS. */
export const END_OF_TIME = 8_640_000_000_000_000;

/** `from` is the start of its day; a calendar-date `to` includes that whole day, an instant `to` is exclusive. */
function resolveDate(value: string, timeZone: string, end: boolean): number {
  if (EPOCH.test(value)) return Number(value);
  if (ISO_DATE.test(value)) return startOfIsoDate(value, timeZone, end);
  return Date.parse(value);
}

export class ReportRangeError extends Error {}

export function resolveFilters(q: ReportQuery): ReportFilters {
  const from = q.from === undefined ? 0 : resolveDate(q.from, q.timeZone, false);
  const to = q.to === undefined ? END_OF_TIME : resolveDate(q.to, q.timeZone, true);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new ReportRangeError('from/to: not a valid date');
  if (to <= from) throw new ReportRangeError('to must be after from');
  const f: ReportFilters = { from, to, timeZone: q.timeZone };
  if (q.lineId) f.lineId = q.lineId;
  if (q.providerOrgId) f.providerOrgId = q.providerOrgId;
  if (q.callerOrgId) f.callerOrgId = q.callerOrgId;
  if (q.professionalGroup) f.professionalGroup = q.professionalGroup;
  return f;
}

/**
 * The calls a report covers, with their line (`l`) and caller (`u`). Every figure module selects
 * FROM this so all figures share one definition of "the calls in this report".
 * Caller organisation and professional group are the caller's as they are now.
 */
export interface CallScope {
  /** Tables to put after FROM: calls c, lines l, users u (caller), outcomes po (patient outcome, may be null). */
  from: RawBuilder<unknown>;
  /** Conditions to put after WHERE, the filters' values as parameters. */
  where: RawBuilder<unknown>;
}

export function callScope(f: ReportFilters): CallScope {
  const where = [sql`c.created_at >= ${f.from}`, sql`c.created_at < ${f.to}`];
  if (f.lineId !== undefined) where.push(sql`c.line_id = ${f.lineId}`);
  if (f.providerOrgId !== undefined) where.push(sql`l.provider_org_id = ${f.providerOrgId}`);
  if (f.callerOrgId !== undefined) where.push(sql`u.organisation_id = ${f.callerOrgId}`);
  if (f.professionalGroup !== undefined) where.push(sql`u.professional_group = ${f.professionalGroup}`);
  const from = sql`calls c
    JOIN lines l ON l.id = c.line_id
    JOIN users u ON u.id = c.caller_id
    LEFT JOIN outcomes po ON po.call_id = c.id AND po.side = 'patient'`;
  return { from, where: sql.join(where, sql` AND `) };
}

/**
 * A text expression to ORDER BY in byte order on both stores: SQLite's default (BINARY) compares
 * bytes, PostgreSQL's default follows the database's locale, so there it is collated "C".
 */
export function bytewise(data: Data, expr: RawBuilder<unknown>): RawBuilder<unknown> {
  return data.dialect === 'postgres' ? sql`${expr} COLLATE "C"` : expr;
}
