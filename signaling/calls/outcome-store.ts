import type { Data } from '../db/data.js';
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
  constructor(private readonly data: Data) {}

  async get(id: string): Promise<OutcomeRow | null> {
    return ((await this.rows().where('id', '=', id).executeTakeFirst()) as OutcomeRow | undefined) ?? null;
  }

  async forCall(callId: string, side: OutcomeSide): Promise<OutcomeRow | null> {
    return ((await this.rows().where('call_id', '=', callId).where('side', '=', side).executeTakeFirst()) as OutcomeRow | undefined) ?? null;
  }

  async insert(row: OutcomeRow): Promise<void> {
    await this.data.q().insertInto('outcomes').values(row).execute();
  }

  /** Both sides' outcomes of a call, as views (null where not recorded). */
  async views(callId: string): Promise<Record<OutcomeSide, OutcomeView | null>> {
    const out: Record<OutcomeSide, OutcomeView | null> = { advice: null, patient: null };
    for (const row of (await this.rows().where('call_id', '=', callId).execute()) as OutcomeRow[]) out[row.side] = toOutcomeView(row);
    return out;
  }

  private rows() {
    return this.data.q().selectFrom('outcomes').selectAll();
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
