import type { Core } from '../core.js';
import type { Line, PresenceReason, RingStopReason } from '../protocol.js';
import type { ChosenStatus } from '../presence/registry.js';
import type { Publisher } from './publisher.js';
import { planOffers } from './routing.js';
import type { CallRow } from './store.js';
import type { Views } from './views.js';

const offerKey = (callId: string, userId: string) => `offer:${callId}:${userId}`;

export const NOT_RESPONDING_MESSAGE =
  'A call rang for you without an answer, so you were set to Away. Set yourself Available to take calls again.';

/** Applies the routing plan: offers calls, times offers out, withdraws them. */
export class Dispatcher {
  constructor(
    private readonly core: Core,
    private readonly views: Views,
    private readonly publisher: Publisher,
  ) {}

  /** Makes every offer the line's routing calls for now, then publishes the line. */
  dispatch(lineId: string): void {
    const { lines, calls, offers, presence } = this.core;
    const line = lines.get(lineId);
    if (!line) return;
    // A switched-off line takes no new calls (CallService.request), but the ones already waiting
    // keep being offered until they are answered, cancelled or reach the maximum wait.
    const waiting = calls.waiting(lineId);
    const plan = planOffers({
      strategy: line.routing,
      rota: line.specialistIds,
      specialists: line.specialistIds.map((id) => ({ id, available: this.views.isAvailable(id), idleSince: presence.idleSince(id) })),
      calls: waiting.map((c) => ({ id: c.id, urgency: c.urgency, createdAt: c.created_at, offeredTo: offers.forCall(c.id), passed: offers.passed(c.id) })),
      ringingElsewhere: offers.ringingSequential(),
    });
    const byId = new Map(waiting.map((c) => [c.id, c]));
    const now = this.core.now();
    const rung = new Map<string, string[]>();
    for (const o of plan) {
      byId.set(o.callId, this.offer(byId.get(o.callId)!, line, o.specialistId, now));
      const userIds = rung.get(o.callId);
      if (userIds) userIds.push(o.specialistId);
      else rung.set(o.callId, [o.specialistId]);
    }
    // Offers made together share their expiry, so each call's ring is one packet for all of them.
    for (const [callId, userIds] of rung) this.publisher.sendRing(userIds, this.views.queueItem(byId.get(callId)!, line, userIds[0]!));
    // A call nobody is being offered any more goes back to plain `queued`.
    for (const c of byId.values()) {
      if (c.state === 'ringing' && offers.forCall(c.id).length === 0) {
        calls.transition(c.id, ['ringing'], 'queued', this.core.now(), null, {}, 'no specialist ringing');
      }
    }
    this.publisher.publishLine(lineId);
  }

  dispatchLinesOf(userId: string, alsoLineId?: string): void {
    const lineIds = new Set(this.core.lines.coveredBy(userId));
    if (alsoLineId) lineIds.add(alsoLineId);
    for (const lineId of lineIds) this.dispatch(lineId);
  }

  /** Longest-idle / rota: pass this call on now. Ring-all: stop it ringing for this specialist. */
  decline(callId: string, userId: string, lineId: string): boolean {
    if (!this.removeOffer(callId, userId, 'declined')) return false;
    this.core.offers.pass(callId, userId);
    this.core.calls.note(callId, 'ringing', this.core.now(), userId, 'declined');
    this.dispatch(lineId);
    return true;
  }

  /** Stops every call ringing for a user (went away, offline, or took another call). */
  withdrawUser(userId: string, reason: RingStopReason): void {
    for (const callId of this.core.offers.callsRingingFor(userId)) this.removeOffer(callId, userId, reason);
  }

  /** A call stopped waiting: stop it ringing everywhere. */
  withdrawCall(callId: string, reason: RingStopReason, winnerId?: string): void {
    const rang = this.core.offers.forget(callId);
    for (const userId of rang) this.core.timers.clear(offerKey(callId, userId));
    this.publisher.sendRingStop(rang.filter((u) => u !== winnerId), callId, reason);
    if (winnerId && rang.includes(winnerId)) this.publisher.sendTakenByYou(winnerId, callId);
  }

  /** A specialist's chosen status changed (by them, or by the server when they did not respond). */
  setChosen(userId: string, status: ChosenStatus, reason: PresenceReason, message?: string): void {
    this.core.presence.setChosen(userId, status);
    if (status === 'away') this.withdrawUser(userId, 'moved_on');
    else this.core.offers.unpassUser(userId);
    this.publisher.sendPresence(userId, reason, message);
    this.dispatchLinesOf(userId);
  }

  /** Records the offer and its time-out; the ring itself goes out from dispatch(). */
  private offer(row: CallRow, line: Line, userId: string, now: number): CallRow {
    const { offers, timers, calls } = this.core;
    const ringMs = line.ringTimeoutSec * 1000 * this.core.timeScale;
    offers.add(row.id, userId, now + ringMs, line.routing !== 'ring_all');
    timers.set(offerKey(row.id, userId), ringMs, () => this.offerTimedOut(row.id, userId, line.id));
    return row.state === 'queued' ? (calls.transition(row.id, ['queued'], 'ringing', now, null, { stamp: { first_ring_at: now } }) ?? row) : row;
  }

  private offerTimedOut(callId: string, userId: string, lineId: string): void {
    if (!this.removeOffer(callId, userId, 'timed_out')) return;
    this.core.offers.pass(callId, userId);
    this.core.calls.note(callId, 'ringing', this.core.now(), userId, 'offer timed out');
    // Clinical safety choice for a switched-off line: its waiting callers are not dropped (they stay
    // answerable, and the maximum wait still ends them `unanswered` with a call-back), but an
    // unanswered offer only moves on: nobody is set "not responding" for a service that was closed.
    if (this.core.lines.get(lineId)?.active === false) {
      this.core.log.info({ callId, userId }, 'offer timed out on a switched-off line: moved on');
      this.dispatch(lineId);
      return;
    }
    this.core.log.info({ callId, userId }, 'offer timed out: specialist set away (not responding)');
    this.setChosen(userId, 'away', 'not_responding', NOT_RESPONDING_MESSAGE);
    if (!this.core.lines.coveredBy(userId).includes(lineId)) this.dispatch(lineId);
  }

  private removeOffer(callId: string, userId: string, reason: RingStopReason): boolean {
    if (!this.core.offers.remove(callId, userId)) return false;
    this.core.timers.clear(offerKey(callId, userId));
    this.publisher.sendRingStop([userId], callId, reason);
    return true;
  }
}
