import type Database from 'better-sqlite3';
import type { Db } from '../db/database.js';
import type { CallState, EndReason, Urgency } from '../protocol.js';
import { fromStates, nextState, type CallEvent } from './transitions.js';

export interface CallRow {
  id: string;
  request_id: string;
  line_id: string;
  caller_id: string;
  specialist_id: string | null;
  state: CallState;
  urgency: Urgency;
  question: string;
  age_band: string;
  care_setting: string;
  photo_id: string | null;
  topic: string | null;
  /** JSON OutcomeSets fixed when the call was placed (see outcome-sets.ts). */
  outcome_sets: string | null;
  created_at: number;
  first_ring_at: number | null;
  answered_at: number | null;
  ended_at: number | null;
  closed_at: number | null;
  end_reason: EndReason | null;
  callback_requested_at: number | null;
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

/**
 * Calls and their event log (call_events), read from and written to the database on every use.
 * State changes only through move(), which accepts only the moves of the transition table.
 */
export class CallStore {
  private readonly byId;
  private readonly byRequest;
  private readonly insertCall;
  private readonly insertEvent;
  private readonly waitingOnLine;
  private readonly liveOfUser;
  private readonly activityOf;
  private readonly busyAmong;
  private readonly recentWaits;
  /** move()'s UPDATEs, one per shape (event and fields set), prepared once. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM calls WHERE id = ?');
    this.byRequest = db.prepare('SELECT * FROM calls WHERE caller_id = ? AND request_id = ?');
    this.insertCall = db.prepare(
      `INSERT INTO calls (id, request_id, line_id, caller_id, state, urgency, question, age_band, care_setting, photo_id, outcome_sets, created_at)
       VALUES (@id, @request_id, @line_id, @caller_id, @state, @urgency, @question, @age_band, @care_setting, @photo_id, @outcome_sets, @created_at)
       RETURNING *`,
    );
    this.insertEvent = db.prepare('INSERT INTO call_events (call_id, state, at, actor_id, detail) VALUES (?, ?, ?, ?, ?)');
    this.waitingOnLine = db.prepare(`SELECT * FROM calls WHERE line_id = ? AND state IN ('queued', 'ringing') ORDER BY rowid`);
    this.liveOfUser = db.prepare(
      `SELECT * FROM calls WHERE (caller_id = @u AND state IN ('queued', 'ringing', 'connected', 'wrap_up'))
       OR (specialist_id = @u AND state IN ('connected', 'wrap_up')) ORDER BY rowid`,
    );
    this.activityOf = db.prepare(`SELECT state FROM calls WHERE specialist_id = ? AND state IN ('connected', 'wrap_up') ORDER BY state = 'wrap_up'`).pluck();
    this.busyAmong = db
      .prepare(`SELECT DISTINCT specialist_id FROM calls WHERE state IN ('connected', 'wrap_up') AND specialist_id IN (SELECT value FROM json_each(?))`)
      .pluck();
    this.recentWaits = db.prepare(
      `SELECT answered_at - created_at FROM calls WHERE line_id = ? AND answered_at IS NOT NULL AND answered_at > ?
       ORDER BY answered_at DESC LIMIT 20`,
    ).pluck();
  }

  get(id: string): CallRow | null {
    return (this.byId.get(id) as CallRow | undefined) ?? null;
  }

  byRequestId(callerId: string, requestId: string): CallRow | null {
    return (this.byRequest.get(callerId, requestId) as CallRow | undefined) ?? null;
  }

  /** The `request` move: stores a new call and its first event, and attaches its photo. */
  create(row: NewCall): CallRow {
    const state = nextState('request', 'new')!;
    const created = this.insertCall.get({ ...row, state }) as CallRow;
    this.insertEvent.run(row.id, state, row.created_at, row.caller_id, null);
    if (row.photo_id) this.db.prepare('UPDATE photos SET call_id = ? WHERE id = ? AND call_id IS NULL').run(row.id, row.photo_id);
    return created;
  }

  /**
   * Moves a call by `event` if its current state allows it (transitions.ts) — one UPDATE guarded
   * by the allowed from-states, so of two racing moves exactly one wins — and logs the event.
   * Returns the updated row, or null when the call was not in a state the event may happen in.
   */
  move(id: string, event: CallEvent, at: number, actorId: string | null, fields: MoveFields = {}, detail: string | null = null): CallRow | null {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id };
    const froms = fromStates(event).filter((s) => s !== 'new');
    if (froms.length === 0) throw new Error(`${event} does not move a stored call`);
    const cases = froms.map((from, i) => ((params[`f${i}`] = from), (params[`t${i}`] = nextState(event, from)), `WHEN @f${i} THEN @t${i}`));
    sets.push(`state = CASE state ${cases.join(' ')} END`);
    if (fields.specialist_id !== undefined) (sets.push('specialist_id = @specialist_id'), (params.specialist_id = fields.specialist_id));
    if (fields.end_reason !== undefined) (sets.push('end_reason = @end_reason'), (params.end_reason = fields.end_reason));
    if (fields.topic !== undefined) (sets.push('topic = @topic'), (params.topic = fields.topic));
    for (const [col, value] of Object.entries(fields.stamp ?? {})) {
      sets.push(`${col} = COALESCE(${col}, @${col})`);
      params[col] = value;
    }
    const update = this.statement(`UPDATE calls SET ${sets.join(', ')} WHERE id = @id AND state IN (${froms.map((_, i) => `@f${i}`).join(', ')}) RETURNING *`);
    const updated = update.get(params) as CallRow | undefined;
    if (!updated) return null;
    this.insertEvent.run(id, updated.state, at, actorId, detail);
    return updated;
  }

  /** The line's queued and ringing calls, in the order they were placed. */
  waiting(lineId: string): CallRow[] {
    return this.waitingOnLine.all(lineId) as CallRow[];
  }

  /** Every call in these states, in the order they were placed. */
  withStates(states: readonly LiveState[]): CallRow[] {
    const sql = `SELECT * FROM calls WHERE state IN (${states.map(() => '?').join(', ')}) ORDER BY rowid`;
    return this.statement(sql).all(...states) as CallRow[];
  }

  /** The calls a user is party to that have not finished: as caller while live, as specialist once answered. */
  liveCallsOf(userId: string): CallRow[] {
    return this.liveOfUser.all({ u: userId }) as CallRow[];
  }

  /**
   * The call to resume after a reconnect: one they are in, else one they wait on, else one they
   * wrap up; the latest placed first.
   */
  liveCallOf(userId: string): CallRow | null {
    const rank = (row: CallRow) => (row.state === 'connected' ? 0 : row.state === 'wrap_up' ? 2 : 1);
    const rows = this.liveCallsOf(userId).sort((a, b) => rank(a) - rank(b) || b.created_at - a.created_at);
    return rows[0] ?? null;
  }

  /** 'connected' | 'wrap_up' when the specialist is in or wrapping up a call. */
  specialistActivity(userId: string): 'connected' | 'wrap_up' | null {
    return (this.activityOf.get(userId) as 'connected' | 'wrap_up' | undefined) ?? null;
  }

  /** Which of these specialists are in or wrapping up a call (one query for a whole line). */
  busySpecialists(userIds: readonly string[]): Set<string> {
    return new Set(userIds.length ? (this.busyAmong.all(JSON.stringify(userIds)) as string[]) : []);
  }

  /** Waits (ms) of the line's most recent answered calls in the last 7 days. */
  recentWaitsMs(lineId: string, now: number): number[] {
    return this.recentWaits.all(lineId, now - 7 * 24 * 3600_000) as number[];
  }

  private statement(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }
}
