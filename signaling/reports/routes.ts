import type { FastifyInstance } from 'fastify';
import type { Sessions } from '../auth/sessions.js';
import type { Data } from '../db/data.js';
import { Failure } from '../errors.js';
import { parseOr400, requireAdmin } from '../admin/require-admin.js';
import { API, ReportQuery, ReportTable, reportTable } from '../protocol.js';
import type { Users } from '../users.js';
import { buildReport } from './build-report.js';
import { toCsv } from './csv.js';
import { ReportRangeError, resolveFilters, type ReportFilters } from './filters.js';

export interface ReportRouteDeps {
  data: Data;
  sessions: Sessions;
  users: Users;
}

function filtersOf(query: unknown): ReportFilters {
  const q = parseOr400(ReportQuery, query, 'report query');
  try {
    return resolveFilters(q);
  } catch (err) {
    if (err instanceof ReportRangeError) throw new Failure('bad_request', err.message, [{ path: 'to', message: err.message }]);
    throw err;
  }
}

/** GET /api/reports (JSON, every figure) and GET /api/reports/<table>.csv (one table), admins only. */
export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  app.get(API.reports, async (req) => {
    await requireAdmin(req, deps);
    return buildReport(deps.data, filtersOf(req.query));
  });

  app.get<{ Params: { file: string } }>(`${API.reports}/:file`, async (req, reply) => {
    await requireAdmin(req, deps);
    const table = ReportTable.safeParse(req.params.file.replace(/\.csv$/, ''));
    if (!req.params.file.endsWith('.csv') || !table.success) {
      throw new Failure('not_found', `No such report table. Tables: ${ReportTable.options.map((t) => `${t}.csv`).join(', ')}.`);
    }
    const rows = reportTable(await buildReport(deps.data, filtersOf(req.query)), table.data);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="oncall-${table.data}.csv"`)
      .header('cache-control', 'no-store')
      .send(toCsv(rows.header, rows.rows));
  });
}
