import type { Actor } from '../actor.js';
import type { Clock } from '../clock.js';
import type { Data } from '../db/data.js';
import type { Lines } from '../directory/lines.js';
import { Failure } from '../errors.js';
import type { Logger } from '../log.js';
import type { CallHistoryItem, CallRequestInput, CallView, EndReason, HangupInput, HistoryQuery } from '../protocol.js';
import { KeyedLock } from './keyed-lock.js';
import type { Timers } from './timers.js';
import { maxWaitKey, type CallMachine } from './machine.js';
import type { Router } from './router.js';
import type { CallRow, CallStore } from './store.js';
import type { Views } from './views.js';
import type { Users } from '../users.js';

export interface CallServiceDeps {
  data: Data;
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
  private readonly perCaller = new KeyedLock();

  constructor(private readonly deps: CallServiceDeps) {}

  /** One request per caller at a time: the one-live-call check and the insert must not interleave. */
  request(actor: Actor, input: CallRequestInput): Promise<CallView> {
    return this.perCaller.run(actor.userId, () => this.requestNow(actor, input));
  }

  private async requestNow(actor: Actor, input: CallRequestInput): Promise<CallView> {
    const { calls, lines, users, data, views, machine, router } = this.deps;
    // A retried request (its reply was lost): the same call, as it is now.
    const existing = await calls.byRequestId(actor.userId, input.requestId);
    if (existing) return views.call(existing, actor.userId);
    const user = await users.publicById(actor.userId);
    if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
    const line = await lines.get(input.lineId);
    if (!line || !(await lines.canCall(user.organisationId, line.id))) throw new Failure('forbidden', 'You cannot call this line.');
    if (line.specialistIds.includes(actor.userId)) throw new Failure('forbidden', 'You cover this line; you cannot call it yourself.');
    const live = await calls.liveCallOf(actor.userId);
    if (live && live.caller_id === actor.userId && live.state !== 'wrap_up') {
      throw new Failure('invalid_state', 'You already have a call waiting or in progress. Cancel or finish it first.');
    }
    if (input.photoId) {
      const photo = await data.q().selectFrom('photos').select(['owner_id', 'call_id']).where('id', '=', input.photoId).executeTakeFirst();
      if (!photo || photo.owner_id !== actor.userId) throw new Failure('forbidden', 'That photo is not one you uploaded.');
      if (photo.call_id) throw new Failure('invalid_state', 'That photo is already attached to another call. Upload it again.');
    }
    const row = await machine.request(actor, input, line);
    await this.scheduleMaxWait(row);
    await router.route(line.id);
    return views.call((await calls.get(row.id))!, actor.userId);
  }

  async cancel(actor: Actor, callId: string): Promise<CallView> {
    const row = await this.partyCall(actor, callId, 'caller');
    if (row.state === 'abandoned') return this.deps.views.call(row, actor.userId);
    const ended = await this.endWaiting(callId, 'cancel', actor.userId, 'caller_cancelled');
    if (!ended) throw new Failure('invalid_state', `The call is ${(await this.deps.calls.get(callId))!.state} and can no longer be cancelled.`);
    return this.deps.views.call(ended, actor.userId);
  }

  async accept(actor: Actor, callId: string): Promise<CallView> {
    const row = await this.deps.machine.accept(actor, callId);
    await this.deps.router.routeLinesOf(actor.userId, row.line_id);
    return this.deps.views.call(row, actor.userId);
  }

  async decline(actor: Actor, callId: string): Promise<{ callId: string }> {
    const row = await this.deps.calls.get(callId);
    if (!row || !(await this.deps.lines.specialistIds(row.line_id)).includes(actor.userId)) throw new Failure('forbidden', 'This call is not on a line you cover.');
    if (!(await this.deps.router.decline(callId, actor.userId, row.line_id))) throw new Failure('invalid_state', 'This call is not ringing for you.');
    return { callId };
  }

  async hangup(actor: Actor, input: HangupInput): Promise<CallView> {
    const row = await this.partyCall(actor, input.callId, 'either');
    if (row.state === 'queued' || row.state === 'ringing') {
      if (row.caller_id !== actor.userId) throw new Failure('invalid_state', 'The call has not been answered.');
      return this.cancel(actor, input.callId);
    }
    if (row.state !== 'connected') return this.deps.views.call(row, actor.userId); // already ended: nothing to do
    const side = actor.userId === row.caller_id ? 'caller' : 'specialist';
    const ended =
      input.reason === 'media_failed'
        ? await this.endConnected(input.callId, 'media_failed', actor.userId, 'media_failed')
        : await this.endConnected(input.callId, 'hang_up', actor.userId, side === 'caller' ? 'caller_hung_up' : 'specialist_hung_up');
    return this.deps.views.call(ended ?? (await this.deps.calls.get(input.callId))!, actor.userId);
  }

  async get(actor: Actor, callId: string): Promise<CallView> {
    return this.deps.views.call(await this.partyCall(actor, callId, 'either'), actor.userId);
  }

  async history(actor: Actor, q: HistoryQuery): Promise<CallHistoryItem[]> {
    let query = this.deps.data
      .q()
      .selectFrom('calls as c')
      .innerJoin('lines as l', 'l.id', 'c.line_id')
      .selectAll('c')
      .select('l.name as line_name')
      .where((eb) => eb.or([eb('c.caller_id', '=', actor.userId), eb('c.specialist_id', '=', actor.userId)]));
    if (q.from !== undefined) query = query.where('c.created_at', '>=', q.from);
    if (q.to !== undefined) query = query.where('c.created_at', '<', q.to);
    if (q.lineId !== undefined) query = query.where('c.line_id', '=', q.lineId);
    const rows = (await query.orderBy('c.created_at', 'desc').limit(q.limit).execute()) as (CallRow & { line_name: string })[];
    return Promise.all(rows.map((r) => this.deps.views.history(r, actor.userId, r.line_name)));
  }

  /** Arms the line's maximum wait for a waiting call (from its creation time; already past → ends now). `linesRead`: a pass's LinesView. */
  async scheduleMaxWait(row: CallRow, linesRead: Pick<Lines, 'get'> = this.deps.lines): Promise<void> {
    const { timers, clock } = this.deps;
    const line = await linesRead.get(row.line_id);
    if (!line) return;
    const giveUpAt = row.created_at + line.maxWaitSec * 1000 * clock.timeScale;
    timers.set(maxWaitKey(row.id), giveUpAt - clock.now(), () => this.endWaiting(row.id, 'max_wait', null, 'max_wait'));
  }

  /**
   * A user's reconnect grace ran out: their waiting calls are abandoned; their connected calls end
   * answered (`caller_lost` / `specialist_lost`) and go to wrap-up, so the advice given is recorded.
   */
  async userGone(userId: string): Promise<void> {
    const { log, calls, machine, router } = this.deps;
    log.info({ userId }, 'user gone after the grace period');
    await machine.withdrawOffersTo(userId, 'moved_on');
    for (const row of await calls.liveCallsOf(userId)) {
      if (row.state === 'queued' || row.state === 'ringing') await this.endWaiting(row.id, 'caller_gone', null, 'caller_disconnected');
      else if (row.state === 'connected') await this.endConnected(row.id, 'party_lost', null, row.caller_id === userId ? 'caller_lost' : 'specialist_lost');
    }
    await router.routeLinesOf(userId);
  }

  private async endWaiting(callId: string, event: 'cancel' | 'caller_gone' | 'max_wait', actorId: string | null, reason: EndReason): Promise<CallRow | null> {
    const row = await this.deps.machine.endWaiting(callId, event, actorId, reason);
    if (row) await this.deps.router.route(row.line_id);
    return row;
  }

  private async endConnected(callId: string, event: 'hang_up' | 'media_failed' | 'party_lost', actorId: string | null, reason: EndReason): Promise<CallRow | null> {
    const row = await this.deps.machine.endConnected(callId, event, actorId, reason);
    if (row?.specialist_id) await this.deps.router.routeLinesOf(row.specialist_id);
    return row;
  }

  /** The call, if the actor is its caller / specialist / either; forbidden otherwise (existence is not revealed). */
  private async partyCall(actor: Actor, callId: string, as: 'caller' | 'either'): Promise<CallRow> {
    const row = await this.deps.calls.get(callId);
    const isParty = row && (row.caller_id === actor.userId || (as === 'either' && row.specialist_id === actor.userId));
    if (!row || !isParty) throw new Failure('forbidden', 'This is not your call.');
    return row;
  }
}
