import { sql } from 'kysely';
import type { Data } from '../db/data.js';
import type { TopicRow } from '../protocol.js';
import { IS_ANSWERED } from './call-counts.js';
import { bytewise, callScope, type ReportFilters } from './filters.js';

/**
 * Topics ranked per line, from the topic on each answered call's advice outcome (calls without a
 * topic are left out). Lines in name order; within a line the most asked first, ties by name.
 */
export async function topicsByLine(data: Data, f: ReportFilters): Promise<TopicRow[]> {
  const scope = callScope(f);
  // l.name is grouped too: PostgreSQL selects only grouped columns (c.line_id is l.id, so no more groups).
  const { rows } = await sql<Record<string, unknown>>`
    SELECT c.line_id AS "lineId", l.name AS "lineName", ao.topic AS topic, COUNT(*) AS count
      FROM ${scope.from}
      JOIN outcomes ao ON ao.call_id = c.id AND ao.side = 'advice'
     WHERE ${scope.where} AND ${IS_ANSWERED} AND ao.topic IS NOT NULL AND ao.topic <> ''
     GROUP BY c.line_id, l.name, ao.topic
     ORDER BY ${bytewise(data, sql`l.name`)}, ${bytewise(data, sql`c.line_id`)}, COUNT(*) DESC, ${bytewise(data, sql`ao.topic`)}`.execute(data.q());
  let line = '';
  let rank = 0;
  return rows.map((r) => {
    const lineId = String(r.lineId);
    rank = lineId === line ? rank + 1 : 1;
    line = lineId;
    return { lineId, lineName: String(r.lineName), rank, topic: String(r.topic), count: Number(r.count) };
  });
}
