import type { Actor } from '../actor.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Lines } from '../directory/lines.js';
import { Failure } from '../errors.js';
import type { Logger } from '../log.js';
import type { CallHistoryItem, CallRequestInput, CallView, EndReason, HangupInput, HistoryQuery } from '../protocol.js';
import type { Timers } from './timers.js';
import { maxWaitKey, type CallMachine } from './machine.js';
import type { Router } from './router.js';
import type { CallRow, CallStore } from './store.js';
import type { Views } from './views.js';
import type { Users } from '../users.js';

export interface CallServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  users: Users;
  lines: Lines;
  calls: CallStore;
  timers: Timers;
  views: Views;
  machine: CallMachine;
  router: Router;
}

/**
 * What clients and timers do to calls: each asks the call machine to move the call, then the
 * router to offer what the move made possible. Replies are the call as the asker now sees it.
 */
export class CallService {
  constructor(private readonly deps: CallServiceDeps) {}

  request(actor: Actor, input: CallRequestInput): CallView {
    const { calls, lines, users, db, views, machine, router } = this.deps;
    // A retried request (its reply was lost): the same call, as it is now.
    const existing = calls.byRequestId(actor.userId, input.requestId);
    if (existing) return views.call(existing, actor.userId);
    const user = users.publicById(actor.userId);
    if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
    const line = lines.get(input.lineId);
    if (!line || !lines.canCall(user.organisationId, line.id)) throw new Failure('forbidden', 'You cannot call this line.');
    if (line.specialistIds.includes(actor.userId)) throw new Failure('forbidden', 'You cover this line; you cannot call it yourself.');
    const live = calls.liveCallOf(actor.userId);
    if (live && live.caller_id === actor.userId && live.state !== 'wrap_up') {
      throw new Failure('invalid_state', 'You already have a call waiting or in progress. Cancel or finish it first.');
    }
    if (input.photoId) {
      const photo = db.prepare('SELECT owner_id, call_id FROM photos WHERE id = ?').get(input.photoId) as { owner_id: string; call_id: string | null } | undefined;
      if (!photo || photo.owner_id !== actor.userId) throw new Failure('forbidden', 'That photo is not one you uploaded.');
      if (photo.call_id) throw new Failure('invalid_state', 'That photo is already attached to another call. Upload it again.');
    }
    const row = machine.request(actor, input, line);
    this.scheduleMaxWait(row);
    router.route(line.id);
    return views.call(calls.get(row.id)!, actor.userId);
  }

  cancel(actor: Actor, callId: string): CallView {
    const row = this.partyCall(actor, callId, 'caller');
    if (row.state === 'abandoned') return this.deps.views.call(row, actor.userId);
    const ended = this.endWaiting(callId, 'cancel', actor.userId, 'caller_cancelled');
    if (!ended) throw new Failure('invalid_state', `The call is ${this.deps.calls.get(callId)!.state} and can no longer be cancelled.`);
    return this.deps.views.call(ended, actor.userId);
  }

  accept(actor: Actor, callId: string): CallView {
    const row = this.deps.machine.accept(actor, callId);
    this.deps.router.routeLinesOf(actor.userId, row.line_id);
    return this.deps.views.call(row, actor.userId);
  }

  decline(actor: Actor, callId: string): { callId: string } {
    const row = this.deps.calls.get(callId);
    if (!row || !this.deps.lines.specialistIds(row.line_id).includes(actor.userId)) throw new Failure('forbidden', 'This call is not on a line you cover.');
    if (!this.deps.router.decline(callId, actor.userId, row.line_id)) throw new Failure('invalid_state', 'This call is not ringing for you.');
    return { callId };
  }

  hangup(actor: Actor, input: HangupInput): CallView {
    const row = this.partyCall(actor, input.callId, 'either');
    if (row.state === 'queued' || row.state === 'ringing') {
      if (row.caller_id !== actor.userId) throw new Failure('invalid_state', 'The call has not been answered.');
      return this.cancel(actor, input.callId);
    }
    if (row.state !== 'connected') return this.deps.views.call(row, actor.userId); // already ended: nothing to do
    const side = actor.userId === row.caller_id ? 'caller' : 'specialist';
    const ended =
      input.reason === 'media_failed'
        ? this.endConnected(input.callId, 'media_failed', actor.userId, 'media_failed')
        : this.endConnected(input.callId, 'hang_up', actor.userId, side === 'caller' ? 'caller_hung_up' : 'specialist_hung_up');
    return this.deps.views.call(ended ?? this.deps.calls.get(input.callId)!, actor.userId);
  }

  get(actor: Actor, callId: string): CallView {
    return this.deps.views.call(this.partyCall(actor, callId, 'either'), actor.userId);
  }

  history(actor: Actor, q: HistoryQuery): CallHistoryItem[] {
    const where = ['(c.caller_id = @u OR c.specialist_id = @u)'];
    const params: Record<string, string | number> = { u: actor.userId, limit: q.limit };
    if (q.from !== undefined) (where.push('c.created_at >= @from'), (params.from = q.from));
    if (q.to !== undefined) (where.push('c.created_at < @to'), (params.to = q.to));
    if (q.lineId !== undefined) (where.push('c.line_id = @lineId'), (params.lineId = q.lineId));
    const rows = this.deps.db
      .prepare(`SELECT c.*, l.name AS line_name FROM calls c JOIN lines l ON l.id = c.line_id WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC LIMIT @limit`)
      .all(params) as (CallRow & { line_name: string })[];
    return rows.map((r) => this.deps.views.history(r, actor.userId, r.line_name));
  }

  /** Arms the line's maximum wait for a waiting call (from its creation time; already past → ends now). */
  scheduleMaxWait(row: CallRow): void {
    const { lines, timers, clock } = this.deps;
    const line = lines.get(row.line_id);
    if (!line) return;
    const giveUpAt = row.created_at + line.maxWaitSec * 1000 * clock.timeScale;
    timers.set(maxWaitKey(row.id), giveUpAt - clock.now(), () => this.endWaiting(row.id, 'max_wait', null, 'max_wait'));
  }

  /**
   * A user's reconnect grace ran out: their waiting calls are abandoned; their connected calls end
   * answered (`caller_lost` / `specialist_lost`) and go to wrap-up, so the advice given is recorded.
   */
  userGone(userId: string): void {
    const { log, calls, machine, router } = this.deps;
    log.info({ userId }, 'user gone after the grace period');
    machine.withdrawOffersTo(userId, 'moved_on');
    for (const row of calls.liveCallsOf(userId)) {
      if (row.state === 'queued' || row.state === 'ringing') this.endWaiting(row.id, 'caller_gone', null, 'caller_disconnected');
      else if (row.state === 'connected') this.endConnected(row.id, 'party_lost', null, row.caller_id === userId ? 'caller_lost' : 'specialist_lost');
    }
    router.routeLinesOf(userId);
  }

  private endWaiting(callId: string, event: 'cancel' | 'caller_gone' | 'max_wait', actorId: string | null, reason: EndReason): CallRow | null {
    const row = this.deps.machine.endWaiting(callId, event, actorId, reason);
    if (row) this.deps.router.route(row.line_id);
    return row;
  }

  private endConnected(callId: string, event: 'hang_up' | 'media_failed' | 'party_lost', actorId: string | null, reason: EndReason): CallRow | null {
    const row = this.deps.machine.endConnected(callId, event, actorId, reason);
    if (row?.specialist_id) this.deps.router.routeLinesOf(row.specialist_id);
    return row;
  }

  /** The call, if the actor is its caller / specialist / either; forbidden otherwise (existence is not revealed). */
  private partyCall(actor: Actor, callId: string, as: 'caller' | 'either'): CallRow {
    const row = this.deps.calls.get(callId);
    const isParty = row && (row.caller_id === actor.userId || (as === 'either' && row.specialist_id === actor.userId));
    if (!row || !isParty) throw new Failure('forbidden', 'This is not your call.');
    return row;
  }
}
