import { sql } from 'kysely';
import { stateIn, type Data } from '../db/data.js';
import type { Schema } from '../db/schema.js';
import type { CallState, EndReason, Urgency } from '../protocol.js';
import { fromStates, nextState, type CallEvent } from './transitions.js';

/** A stored call (schema.ts's columns), its enumerated columns typed as the protocol's. outcome_sets: JSON fixed when placed (outcome-sets.ts). */
export interface CallRow extends Omit<Schema['calls'], 'state' | 'urgency' | 'end_reason'> {
  state: CallState;
  urgency: Urgency;
  end_reason: EndReason | null;
}

type TimestampColumn = 'first_ring_at' | 'answered_at' | 'ended_at' | 'closed_at' | 'callback_requested_at';
export interface MoveFields {
  specialist_id?: string;
  end_reason?: EndReason;
  topic?: string | null;
  /** Set only where still NULL, so a timestamp is never overwritten. */
  stamp?: Partial<Record<TimestampColumn, number>>;
}

export type NewCall = Pick<CallRow, 'id' | 'request_id' | 'line_id' | 'caller_id' | 'urgency' | 'question' | 'age_band' | 'care_setting' | 'photo_id' | 'outcome_sets' | 'created_at'>;

/** States a call can still leave. */
export type LiveState = 'queued' | 'ringing' | 'connected' | 'wrap_up';

/** The states a specialist is busy in; a partial unique index allows one such call per specialist (migration 010). */
const BUSY: readonly CallState[] = ['connected', 'wrap_up'];
const WAITING: readonly CallState[] = ['queued', 'ringing'];
const LIVE: readonly CallState[] = ['queued', 'ringing', 'connected', 'wrap_up'];

/**
 * Calls and their event log (call_events), read from and written to the database on every use.
 * State changes only through move(), which accepts only the moves of the transition table.
 */
export class CallStore {
  constructor(private readonly data: Data) {}

  async get(id: string): Promise<CallRow | null> {
    return ((await this.calls().where('id', '=', id).executeTakeFirst()) as CallRow | undefined) ?? null;
  }

  async byRequestId(callerId: string, requestId: string): Promise<CallRow | null> {
    const row = await this.calls().where('caller_id', '=', callerId).where('request_id', '=', requestId).executeTakeFirst();
    return (row as CallRow | undefined) ?? null;
  }

  /** The `request` move: stores a new call and its first event, and attaches its photo. */
  async create(row: NewCall): Promise<CallRow> {
    const state = nextState('request', 'new')!;
    const q = this.data.q();
    const created = (await q.insertInto('calls').values({ ...row, state }).returningAll().executeTakeFirstOrThrow()) as CallRow;
    await this.logEvent(row.id, state, row.created_at, row.caller_id, null);
    if (row.photo_id) await q.updateTable('photos').set({ call_id: row.id }).where('id', '=', row.photo_id).where('call_id', 'is', null).execute();
    return created;
  }

  /**
   * Moves a call by `event` if its current state allows it (transitions.ts) — one UPDATE guarded
   * by the allowed from-states, so of two racing moves exactly one wins, on either store — and logs
   * the event. Returns the updated row, or null when the call was not in a state the event may happen in.
   */
  async move(id: string, event: CallEvent, at: number, actorId: string | null, fields: MoveFields = {}, detail: string | null = null): Promise<CallRow | null> {
    const froms = fromStates(event).filter((s) => s !== 'new');
    if (froms.length === 0) throw new Error(`${event} does not move a stored call`);
    const cases = froms.map((from) => sql`WHEN ${from} THEN ${nextState(event, from)}`);
    const set: Record<string, unknown> = { state: sql`CASE state ${sql.join(cases, sql` `)} END` };
    if (fields.specialist_id !== undefined) set.specialist_id = fields.specialist_id;
    if (fields.end_reason !== undefined) set.end_reason = fields.end_reason;
    if (fields.topic !== undefined) set.topic = fields.topic;
    for (const [col, value] of Object.entries(fields.stamp ?? {})) set[col] = sql`COALESCE(${sql.ref(col)}, ${value})`;
    const updated = (await this.data
      .q()
      .updateTable('calls')
      .set(set)
      .where('id', '=', id)
      .where('state', 'in', froms)
      .returningAll()
      .executeTakeFirst()) as CallRow | undefined;
    if (!updated) return null;
    await this.logEvent(id, updated.state, at, actorId, detail);
    return updated;
  }

  /** The line's queued and ringing calls, in the order they were placed. */
  async waiting(lineId: string): Promise<CallRow[]> {
    return (await this.calls().where('line_id', '=', lineId).where(stateIn(WAITING)).orderBy(this.data.insertionOrder()).execute()) as CallRow[];
  }

  /** Every call in these states, in the order they were placed. */
  async withStates(states: readonly LiveState[]): Promise<CallRow[]> {
    return (await this.calls().where('state', 'in', states).orderBy(this.data.insertionOrder()).execute()) as CallRow[];
  }

  /** The calls a user is party to that have not finished: as caller while live, as specialist once answered. */
  async liveCallsOf(userId: string): Promise<CallRow[]> {
    const asCaller = this.calls().where('caller_id', '=', userId).where(stateIn(LIVE));
    const asSpecialist = this.calls().where('specialist_id', '=', userId).where(stateIn(BUSY));
    const rows = [...(await asCaller.execute()), ...(await asSpecialist.execute())] as CallRow[];
    const seen = new Set<string>();
    return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).sort((a, b) => a.created_at - b.created_at);
  }

  /**
   * The call to resume after a reconnect: one they are in, else one they wait on, else one they
   * wrap up; the latest placed first.
   */
  async liveCallOf(userId: string): Promise<CallRow | null> {
    const rank = (row: CallRow) => (row.state === 'connected' ? 0 : row.state === 'wrap_up' ? 2 : 1);
    const rows = (await this.liveCallsOf(userId)).sort((a, b) => rank(a) - rank(b) || b.created_at - a.created_at);
    return rows[0] ?? null;
  }

  /** 'connected' | 'wrap_up' when the specialist is in or wrapping up a call. */
  async specialistActivity(userId: string): Promise<'connected' | 'wrap_up' | null> {
    const row = await this.data.q().selectFrom('calls').select('state').where('specialist_id', '=', userId).where(stateIn(BUSY)).executeTakeFirst();
    return (row?.state as 'connected' | 'wrap_up' | undefined) ?? null;
  }

  /** Which of these specialists are in or wrapping up a call (one query for a whole line). */
  async busySpecialists(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.data.q().selectFrom('calls').select('specialist_id').where('specialist_id', 'in', userIds).where(stateIn(BUSY)).execute();
    return new Set(rows.map((r) => r.specialist_id!));
  }

  /** Waits (ms) of the line's most recent answered calls in the last 7 days. */
  async recentWaitsMs(lineId: string, now: number): Promise<number[]> {
    const rows = await this.data
      .q()
      .selectFrom('calls')
      .select(sql<number>`answered_at - created_at`.as('wait'))
      .where('line_id', '=', lineId)
      .where('answered_at', 'is not', null)
      .where('answered_at', '>', now - 7 * 24 * 3600_000)
      .orderBy('answered_at', 'desc')
      .limit(20)
      .execute();
    return rows.map((r) => r.wait);
  }

  private calls() {
    return this.data.q().selectFrom('calls').selectAll();
  }

  private async logEvent(callId: string, state: string, at: number, actorId: string | null, detail: string | null): Promise<void> {
    await this.data.q().insertInto('call_events').values({ call_id: callId, state, at, actor_id: actorId, detail }).execute();
  }
}
