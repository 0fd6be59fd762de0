import type { Db } from '../db/database.js';
import type { OutcomeCategory, OutcomeView } from '../protocol.js';

export type OutcomeSide = 'advice' | 'patient';

export interface OutcomeRow {
  id: string;
  call_id: string;
  side: OutcomeSide;
  author_id: string;
  code: string;
  label: string;
  category: OutcomeCategory;
  topic: string | null;
  note: string | null;
  entered_at: number;
  received_at: number;
}

export class OutcomeStore {
  private readonly byId;
  private readonly bySide;
  private readonly byCall;
  private readonly insertStmt;

  constructor(db: Db) {
    this.byId = db.prepare('SELECT * FROM outcomes WHERE id = ?');
    this.bySide = db.prepare('SELECT * FROM outcomes WHERE call_id = ? AND side = ?');
    this.byCall = db.prepare('SELECT * FROM outcomes WHERE call_id = ?');
    this.insertStmt = db.prepare(
      `INSERT INTO outcomes (id, call_id, side, author_id, code, label, category, topic, note, entered_at, received_at)
       VALUES (@id, @call_id, @side, @author_id, @code, @label, @category, @topic, @note, @entered_at, @received_at)`,
    );
  }

  get(id: string): OutcomeRow | null {
    return (this.byId.get(id) as OutcomeRow | undefined) ?? null;
  }

  forCall(callId: string, side: OutcomeSide): OutcomeRow | null {
    return (this.bySide.get(callId, side) as OutcomeRow | undefined) ?? null;
  }

  insert(row: OutcomeRow): void {
    this.insertStmt.run(row);
  }

  /** Both sides' outcomes of a call, as views (null where not recorded). */
  views(callId: string): Record<OutcomeSide, OutcomeView | null> {
    const out: Record<OutcomeSide, OutcomeView | null> = { advice: null, patient: null };
    for (const row of this.byCall.all(callId) as OutcomeRow[]) out[row.side] = toOutcomeView(row);
    return out;
  }
}

export function toOutcomeView(row: OutcomeRow): OutcomeView {
  return {
    outcomeId: row.id,
    code: row.code,
    label: row.label,
    category: row.category,
    topic: row.topic,
    note: row.note,
    enteredAt: row.entered_at,
    receivedAt: row.received_at,
  };
}
