import { randomUUID } from 'node:crypto';
import type { Actor, Core } from '../core.js';
import { transaction } from '../db/database.js';
import { Failure } from '../errors.js';
import type { CallHistoryItem, CallRequestInput, CallView, HangupInput, HistoryQuery, Line } from '../protocol.js';
import type { Dispatcher } from './dispatcher.js';
import type { Lifecycle } from './lifecycle.js';
import type { Publisher } from './publisher.js';
import { snapshotOutcomeSets } from './outcome-sets.js';
import type { CallRow } from './store.js';
import type { Views } from './views.js';

/** What a client may do to a call: place, cancel, accept, decline, hang up, read. */
export class CallService {
  constructor(
    private readonly core: Core,
    private readonly views: Views,
    private readonly dispatcher: Dispatcher,
    private readonly lifecycle: Lifecycle,
    private readonly publisher: Publisher,
  ) {}

  request(actor: Actor, input: CallRequestInput): CallView {
    const { calls, lines, users, db } = this.core;
    const existing = calls.byRequestId(actor.userId, input.requestId);
    if (existing) {
      // A retried request: the same call, its view as it is now. The caller's sockets may now hold different views of it.
      this.publisher.forgetCallerViews(actor.userId);
      return this.views.call(existing, actor.userId);
    }
    const user = users.publicById(actor.userId);
    if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
    const line = lines.get(input.lineId);
    if (!line || !line.active || !lines.callableBy(user.organisationId).includes(line.id)) {
      throw new Failure('forbidden', 'You cannot call this line.');
    }
    if (line.specialistIds.includes(actor.userId)) throw new Failure('forbidden', 'You cover this line; you cannot call it yourself.');
    const live = calls.liveCallOf(actor.userId);
    if (live && live.caller_id === actor.userId && live.state !== 'wrap_up') {
      throw new Failure('invalid_state', 'You already have a call waiting or in progress. Cancel or finish it first.');
    }
    if (input.photoId) {
      const photo = db.prepare('SELECT owner_id, call_id FROM photos WHERE id = ?').get(input.photoId) as
        | { owner_id: string; call_id: string | null }
        | undefined;
      if (!photo || photo.owner_id !== actor.userId) throw new Failure('forbidden', 'That photo is not one you uploaded.');
      if (photo.call_id) throw new Failure('invalid_state', 'That photo is already attached to another call. Upload it again.');
    }
    // The call and its first ring commit together (one disk sync before the specialists hear it
    // ring, not two); the rings go out once that commit is done.
    const row = this.core.notify.afterCommit(() => transaction(db, () => this.place(actor, input, line)));
    const view = this.views.call(calls.get(row.id)!, actor.userId);
    this.publisher.sendPlacedCall(view);
    return view;
  }

  private place(actor: Actor, input: CallRequestInput, line: Line): CallRow {
    const row = this.core.calls.create({
      id: randomUUID(),
      request_id: input.requestId,
      line_id: line.id,
      caller_id: actor.userId,
      urgency: input.urgency,
      question: input.question,
      age_band: input.patient.ageBand,
      care_setting: input.patient.setting,
      photo_id: input.photoId ?? null,
      outcome_sets: snapshotOutcomeSets(line),
      created_at: this.core.now(),
    });
    this.core.log.info({ callId: row.id, lineId: line.id, urgency: row.urgency }, 'call queued');
    this.lifecycle.scheduleMaxWait(row);
    this.dispatcher.dispatch(line.id);
    return row;
  }

  cancel(actor: Actor, callId: string): CallView {
    const row = this.partyCall(actor, callId, 'caller');
    if (row.state === 'abandoned') return this.views.call(row, actor.userId);
    const ended = this.lifecycle.endWaiting(callId, 'abandoned', actor.userId, 'caller_cancelled');
    if (!ended) throw new Failure('invalid_state', `The call is ${this.core.calls.get(callId)!.state} and can no longer be cancelled.`);
    return this.views.call(ended, actor.userId);
  }

  accept(actor: Actor, callId: string): CallView {
    const { calls, lines, presence, audit } = this.core;
    const row = calls.get(callId);
    if (!row || !lines.specialistIds(row.line_id).includes(actor.userId)) throw new Failure('forbidden', 'This call is not on a line you cover.');
    if (row.specialist_id === actor.userId && row.state === 'connected') return this.views.call(row, actor.userId);
    if (row.specialist_id && row.specialist_id !== actor.userId) throw new Failure('already_taken', 'Another specialist has already answered this call.');
    if (row.state !== 'queued' && row.state !== 'ringing') throw new Failure('invalid_state', `The caller is no longer waiting (call ${row.state}).`);
    const activity = calls.specialistActivity(actor.userId);
    if (activity === 'wrap_up') throw new Failure('wrap_up_required', 'Record the outcome of your last call before taking another.');
    if (activity === 'connected') throw new Failure('invalid_state', 'You are already in a call.');
    if (!presence.isLive(actor.userId)) throw new Failure('invalid_state', 'You are not connected.');
    const now = this.core.now();
    // The guarded UPDATE is the race: exactly one accept finds the call still waiting. Its audit
    // entry is committed with it (one disk sync, and never an accept without its audit entry).
    const won = transaction(this.core.db, () => {
      const row = calls.transition(callId, ['queued', 'ringing'], 'connected', now, actor.userId, { specialist_id: actor.userId, stamp: { answered_at: now } });
      if (row) audit.write('call.accept', actor.userId, callId, { lineId: row.line_id, waitedMs: now - row.created_at });
      return row;
    });
    if (!won) {
      const after = calls.get(callId)!;
      if (after.specialist_id && after.specialist_id !== actor.userId) throw new Failure('already_taken', 'Another specialist has already answered this call.');
      throw new Failure('invalid_state', `The caller is no longer waiting (call ${after.state}).`);
    }
    this.lifecycle.answered(won, actor.userId);
    return this.views.call(won, actor.userId);
  }

  decline(actor: Actor, callId: string): { callId: string } {
    const row = this.core.calls.get(callId);
    if (!row || !this.core.lines.specialistIds(row.line_id).includes(actor.userId)) throw new Failure('forbidden', 'This call is not on a line you cover.');
    if (!this.dispatcher.decline(callId, actor.userId, row.line_id)) throw new Failure('invalid_state', 'This call is not ringing for you.');
    return { callId };
  }

  hangup(actor: Actor, input: HangupInput): CallView {
    const row = this.partyCall(actor, input.callId, 'either');
    if (row.state === 'queued' || row.state === 'ringing') {
      if (row.caller_id !== actor.userId) throw new Failure('invalid_state', 'The call has not been answered.');
      return this.cancel(actor, input.callId);
    }
    if (row.state !== 'connected') return this.views.call(row, actor.userId); // already ended: nothing to do
    const to = input.reason === 'media_failed' ? 'failed' : 'wrap_up';
    const side = actor.userId === row.caller_id ? 'caller' : 'specialist';
    const ended = this.lifecycle.endConnected(input.callId, to, actor.userId, input.reason === 'media_failed' ? 'media_failed' : `${side}_hung_up`);
    return this.views.call(ended ?? this.core.calls.get(input.callId)!, actor.userId);
  }

  get(actor: Actor, callId: string): CallView {
    return this.views.call(this.partyCall(actor, callId, 'either'), actor.userId);
  }

  history(actor: Actor, q: HistoryQuery): CallHistoryItem[] {
    const where = ['(c.caller_id = @u OR c.specialist_id = @u)'];
    const params: Record<string, string | number> = { u: actor.userId, limit: q.limit };
    if (q.from !== undefined) (where.push('c.created_at >= @from'), (params.from = q.from));
    if (q.to !== undefined) (where.push('c.created_at < @to'), (params.to = q.to));
    if (q.lineId !== undefined) (where.push('c.line_id = @lineId'), (params.lineId = q.lineId));
    const rows = this.core.db
      .prepare(
        `SELECT c.*, l.name AS line_name FROM calls c JOIN lines l ON l.id = c.line_id
         WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC LIMIT @limit`,
      )
      .all(params) as (CallRow & { line_name: string })[];
    return rows.map((r) => this.views.history(r, actor.userId, r.line_name));
  }

  /** The call, if the actor is its caller / specialist / either; forbidden otherwise (existence is not revealed). */
  private partyCall(actor: Actor, callId: string, as: 'caller' | 'either'): CallRow {
    const row = this.core.calls.get(callId);
    const isParty = row && (row.caller_id === actor.userId || (as === 'either' && row.specialist_id === actor.userId));
    if (!row || !isParty) throw new Failure('forbidden', 'This is not your call.');
    return row;
  }
}
