import type Database from 'better-sqlite3';
import { onRollback, transaction, type Db } from '../db/database.js';
import type { CallState, Urgency } from '../protocol.js';

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
  end_reason: string | null;
  callback_requested_at: number | null;
}

type TimestampColumn = 'first_ring_at' | 'answered_at' | 'ended_at' | 'closed_at' | 'callback_requested_at';
export interface TransitionFields {
  specialist_id?: string;
  end_reason?: string;
  topic?: string | null;
  /** Set only where still NULL, so a timestamp is never overwritten. */
  stamp?: Partial<Record<TimestampColumn, number>>;
}

/** States a call can still leave: its row is kept in memory until it reaches any other. */
export type LiveState = 'queued' | 'ringing' | 'connected' | 'wrap_up';
const LIVE: ReadonlySet<CallState> = new Set<LiveState>(['queued', 'ringing', 'connected', 'wrap_up']);
/** liveCallOf()'s preference when a user is party to several live calls: in one, then waiting, then wrapping up. */
const RESUME_ORDER: Record<LiveState, number> = { connected: 0, queued: 1, ringing: 1, wrap_up: 2 };

export type CallParties = Pick<CallRow, 'id' | 'caller_id' | 'specialist_id' | 'state'>;

/**
 * Calls and their state-transition log. Every state change goes through transition().
 *
 * Calls not yet finished (LIVE) are also kept in memory, as create() and transition() return them
 * from SQLite: every event of a call reads its row, every routing pass and queue list its line's
 * waiting calls, every availability check a specialist's live call, so these reads cost no query
 * and no copy of the row's texts (and the table needs no index on state but one of live calls:
 * migration 007). Only this class writes call rows; when a transaction rolls back (onRollback), the
 * live calls are read again.
 */
export class CallStore {
  private readonly byId;
  private readonly byRequest;
  private readonly insertCall;
  private readonly insertEvent;
  private readonly liveCalls;
  private readonly recentWaits;
  /** transition()'s UPDATEs, one per shape (fields set, states moved from), prepared once. */
  private readonly statements = new Map<string, Database.Statement>();
  /** Every LIVE call, each line's waiting ones in the order they were placed, each party's (frozen rows). */
  private readonly live = new Map<string, CallRow>();
  private readonly waitingByLine = new Map<string, Map<string, CallRow>>();
  private readonly byParty = new Map<string, Map<string, CallRow>>();
  /** A reload after a rollback failed: the memory above is not to be trusted until load() succeeds. */
  private stale = false;

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM calls WHERE id = ?');
    this.byRequest = db.prepare('SELECT * FROM calls WHERE caller_id = ? AND request_id = ?');
    this.insertCall = db.prepare(
      `INSERT INTO calls (id, request_id, line_id, caller_id, state, urgency, question, age_band, care_setting, photo_id, outcome_sets, created_at)
       VALUES (@id, @request_id, @line_id, @caller_id, 'queued', @urgency, @question, @age_band, @care_setting, @photo_id, @outcome_sets, @created_at)
       RETURNING *`,
    );
    this.insertEvent = db.prepare('INSERT INTO call_events (call_id, state, at, actor_id, detail) VALUES (?, ?, ?, ?, ?)');
    // INDEXED BY: without table statistics (the server never runs ANALYZE) SQLite would scan every call.
    this.liveCalls = db.prepare(`SELECT * FROM calls INDEXED BY calls_live WHERE state IN ('queued', 'ringing', 'connected', 'wrap_up') ORDER BY rowid`);
    this.recentWaits = db.prepare(
      `SELECT answered_at - created_at FROM calls WHERE line_id = ? AND answered_at IS NOT NULL AND answered_at > ?
       ORDER BY answered_at DESC LIMIT 20`,
    ).pluck();
    this.load();
    onRollback(db, () => this.reload());
  }

  get(id: string): CallRow | null {
    this.fresh();
    return this.live.get(id) ?? (this.byId.get(id) as CallRow | undefined) ?? null;
  }

  /** A call's parties and state: what relaying a signal needs. */
  parties(id: string): CallParties | null {
    return this.get(id);
  }

  byRequestId(callerId: string, requestId: string): CallRow | null {
    return (this.byRequest.get(callerId, requestId) as CallRow | undefined) ?? null;
  }

  create(row: Pick<CallRow, 'id' | 'request_id' | 'line_id' | 'caller_id' | 'urgency' | 'question' | 'age_band' | 'care_setting' | 'photo_id' | 'outcome_sets' | 'created_at'>): CallRow {
    return transaction(this.db, () => {
      const created = this.remember(this.insertCall.get(row) as CallRow);
      this.insertEvent.run(row.id, 'queued', row.created_at, row.caller_id, null);
      if (row.photo_id) this.db.prepare('UPDATE photos SET call_id = ? WHERE id = ? AND call_id IS NULL').run(row.id, row.photo_id);
      return created;
    });
  }

  /**
   * Moves a call to `to` if it is in one of `from` — one UPDATE guarded by the current state, so of
   * two racing transitions exactly one succeeds. Logs the event. Returns the updated row or null.
   */
  transition(id: string, from: readonly CallState[], to: CallState, at: number, actorId: string | null, fields: TransitionFields = {}, detail?: string): CallRow | null {
    const sets = ['state = @to'];
    const params: Record<string, unknown> = { id, to };
    if (fields.specialist_id !== undefined) (sets.push('specialist_id = @specialist_id'), (params.specialist_id = fields.specialist_id));
    if (fields.end_reason !== undefined) (sets.push('end_reason = @end_reason'), (params.end_reason = fields.end_reason));
    if (fields.topic !== undefined) (sets.push('topic = @topic'), (params.topic = fields.topic));
    for (const [col, value] of Object.entries(fields.stamp ?? {})) {
      sets.push(`${col} = COALESCE(${col}, @${col})`);
      params[col] = value;
    }
    from.forEach((state, i) => (params[`from${i}`] = state));
    const update = this.statement(
      `UPDATE calls SET ${sets.join(', ')} WHERE id = @id AND state IN (${from.map((_, i) => `@from${i}`).join(', ')}) RETURNING *`,
    );
    return transaction(this.db, () => {
      const updated = update.get(params) as CallRow | undefined;
      if (!updated) return null;
      this.insertEvent.run(id, to, at, actorId, detail ?? null);
      return this.remember(updated);
    });
  }

  /** Logs an event that is not a state change (e.g. an offer timing out, a restart). */
  note(id: string, state: CallState, at: number, actorId: string | null, detail: string): void {
    this.insertEvent.run(id, state, at, actorId, detail);
  }

  /** The line's queued and ringing calls, in the order they were placed. */
  waiting(lineId: string): CallRow[] {
    this.fresh();
    const onLine = this.waitingByLine.get(lineId);
    return onLine ? [...onLine.values()] : [];
  }

  /** Live calls in these states, in the order they were placed. */
  withStates(states: readonly LiveState[]): CallRow[] {
    this.fresh();
    return [...this.live.values()].filter((row) => states.includes(row.state as LiveState));
  }

  /**
   * The call a user is party to that has not finished, if any (the one to resume after a reconnect):
   * one they are in, else one they wait on, else one they wrap up; the latest placed first.
   */
  liveCallOf(userId: string): CallRow | null {
    let best: CallRow | null = null;
    for (const row of this.partyCalls(userId)) {
      if (row.caller_id !== userId && row.state !== 'connected' && row.state !== 'wrap_up') continue;
      const order = RESUME_ORDER[row.state as LiveState] - (best ? RESUME_ORDER[best.state as LiveState] : Infinity);
      if (order < 0 || (order === 0 && row.created_at > best!.created_at)) best = row;
    }
    return best;
  }

  /** 'connected' | 'wrap_up' when the specialist is in or wrapping up a call (every routing decision asks). */
  specialistActivity(userId: string): 'connected' | 'wrap_up' | null {
    let activity: 'wrap_up' | null = null;
    for (const row of this.partyCalls(userId)) {
      if (row.specialist_id !== userId) continue;
      if (row.state === 'connected') return 'connected';
      if (row.state === 'wrap_up') activity = 'wrap_up';
    }
    return activity;
  }

  private partyCalls(userId: string): Iterable<CallRow> {
    this.fresh();
    return this.byParty.get(userId)?.values() ?? [];
  }

  /** Waits (ms) of the line's most recent answered calls in the last 7 days. */
  recentWaitsMs(lineId: string, now: number): number[] {
    return this.recentWaits.all(lineId, now - 7 * 24 * 3600_000) as number[];
  }

  /** Keeps a row just written (or read back after a rollback) in memory while its call is live. */
  private remember(row: CallRow): CallRow {
    const frozen = Object.freeze(row);
    const waiting = frozen.state === 'queued' || frozen.state === 'ringing';
    const before = this.live.get(frozen.id);
    if (before) for (const userId of partiesOf(before)) this.unindexParty(userId, frozen.id);
    if (LIVE.has(frozen.state)) {
      this.live.set(frozen.id, frozen);
      for (const userId of partiesOf(frozen)) this.indexParty(userId, frozen);
    } else {
      this.live.delete(frozen.id);
    }
    const onLine = this.waitingByLine.get(frozen.line_id);
    if (waiting) {
      if (onLine) onLine.set(frozen.id, frozen);
      else this.waitingByLine.set(frozen.line_id, new Map([[frozen.id, frozen]]));
    } else if (onLine?.delete(frozen.id) && onLine.size === 0) {
      this.waitingByLine.delete(frozen.line_id);
    }
    return frozen;
  }

  private indexParty(userId: string, row: CallRow): void {
    const calls = this.byParty.get(userId);
    if (calls) calls.set(row.id, row);
    else this.byParty.set(userId, new Map([[row.id, row]]));
  }

  private unindexParty(userId: string, callId: string): void {
    const calls = this.byParty.get(userId);
    if (calls?.delete(callId) && calls.size === 0) this.byParty.delete(userId);
  }

  /** After a rollback: never throws (a transaction's own error is what its caller must see). */
  private reload(): void {
    try {
      this.load();
    } catch {
      // The same disk or memory trouble that rolled the transaction back: read again at the next
      // lookup, which fails loudly until the live calls can be read, rather than answer from a
      // memory that may no longer match the database.
      this.stale = true;
    }
  }

  private load(): void {
    const rows = this.liveCalls.all() as CallRow[];
    this.live.clear();
    this.waitingByLine.clear();
    this.byParty.clear();
    for (const row of rows) this.remember(row);
    this.stale = false;
  }

  private fresh(): void {
    if (this.stale) this.load();
  }

  private statement(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  events(callId: string): { state: CallState; at: number; actor_id: string | null; detail: string | null }[] {
    return this.db.prepare('SELECT state, at, actor_id, detail FROM call_events WHERE call_id = ? ORDER BY seq').all(callId) as never;
  }
}

function partiesOf(row: CallRow): string[] {
  return row.specialist_id ? [row.caller_id, row.specialist_id] : [row.caller_id];
}
