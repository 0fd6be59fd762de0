import type Database from 'better-sqlite3';
import type { TopicRow } from '../protocol.js';
import { IS_ANSWERED } from './call-counts.js';
import { callScope, type ReportFilters } from './filters.js';

/**
 * Topics ranked per line, from the topic on each answered call's advice outcome (calls without a
 * topic are left out). Lines in name order; within a line the most asked first, ties by name.
 */
export function topicsByLine(db: Database.Database, f: ReportFilters): TopicRow[] {
  const scope = callScope(f);
  const rows = db
    .prepare(
      `SELECT c.line_id AS lineId, l.name AS lineName, ao.topic AS topic, COUNT(*) AS count
         FROM ${scope.from}
         JOIN outcomes ao ON ao.call_id = c.id AND ao.side = 'advice'
        WHERE ${scope.where} AND ${IS_ANSWERED} AND ao.topic IS NOT NULL AND ao.topic <> ''
        GROUP BY c.line_id, ao.topic
        ORDER BY l.name, c.line_id, count DESC, ao.topic`,
    )
    .all(scope.params) as Omit<TopicRow, 'rank'>[];
  let line = '';
  let rank = 0;
  return rows.map((r) => {
    rank = r.lineId === line ? rank + 1 : 1;
    line = r.lineId;
    return { lineId: r.lineId, lineName: r.lineName, rank, topic: r.topic, count: r.count };
  });
}
