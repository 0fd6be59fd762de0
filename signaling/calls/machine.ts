import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit.js';
import type { Clock } from '../clock.js';
import type { Actor } from '../actor.js';
import { isUniqueViolation, type Data } from '../db/data.js';
import { Failure } from '../errors.js';
import type { Lines } from '../directory/lines.js';
import type { Logger } from '../log.js';
import type { PresenceRegistry } from '../presence/registry.js';
import type { CallRequestInput, EndReason, Line, RingStopReason } from '../protocol.js';
import type { DomainEvent } from './domain-events.js';
import type { Offers } from './offers.js';
import { snapshotOutcomeSets } from './outcome-sets.js';
import type { Publisher } from './publisher.js';
import type { CallRow, CallStore, MoveFields } from './store.js';
import type { Timers } from './timers.js';
import type { CallEvent } from './transitions.js';

export const maxWaitKey = (callId: string) => `maxwait:${callId}`;

export interface MachineDeps {
  data: Data;
  clock: Clock;
  log: Logger;
  lines: Lines;
  calls: CallStore;
  offers: Offers;
  timers: Timers;
  presence: PresenceRegistry;
  audit: AuditLog;
  publisher: Publisher;
}

/** Events that end a waiting call, and why its ring stops. */
type EndWaiting = 'cancel' | 'caller_gone' | 'max_wait';
const RING_STOP_WHEN: Record<EndWaiting, RingStopReason> = { cancel: 'abandoned', caller_gone: 'abandoned', max_wait: 'unanswered' };

/**
 * The one place a call changes state. Each method is one event of the transition table
 * (transitions.ts): its checks, its guarded move with whatever must commit with it, its effects
 * on offers and timers, and the domain events it emits, published only once committed. Routing
 * (who is offered what) is the router's; this class never decides it.
 */
export class CallMachine {
  constructor(private readonly deps: MachineDeps) {}

  request(actor: Actor, input: CallRequestInput, line: Line): Promise<CallRow> {
    const { calls, clock, log } = this.deps;
    return this.commit(async (events) => {
      const row = await calls.create({
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
        created_at: clock.now(),
      });
      log.info({ callId: row.id, lineId: line.id, urgency: row.urgency }, 'call queued');
      events.push({ type: 'placed', call: row });
      return row;
    });
  }

  /** The router offered the call to these specialists (their offers are already in Offers). */
  ring(callId: string, userIds: readonly string[]): Promise<CallRow | null> {
    const now = this.deps.clock.now();
    return this.commit(async (events) => {
      const row = await this.move(callId, 'ring', now, null, { stamp: { first_ring_at: now } });
      if (row) events.push({ type: 'rang', call: row, userIds });
      return row;
    });
  }

  /** One specialist's offer ends (they declined, or it rang out): the call keeps waiting. */
  async passOn(callId: string, userId: string, event: 'decline' | 'ring_timeout'): Promise<CallRow | null> {
    const { offers, clock } = this.deps;
    if (!offers.has(callId, userId)) return null;
    // The offer ends whatever the call's state: one left behind would hold a rota specialist.
    offers.remove(callId, userId);
    return this.commit(async (events) => {
      const row = await this.move(callId, event, clock.now(), userId, {}, event === 'decline' ? 'declined' : 'offer timed out');
      if (!row) return null;
      offers.pass(callId, userId);
      events.push({ type: 'ring_stopped', call: row, userIds: [userId], reason: event === 'decline' ? 'declined' : 'timed_out' });
      return row;
    });
  }

  /** Stops every call ringing for a user (went away, offline, or took another call). */
  async withdrawOffersTo(userId: string, reason: RingStopReason): Promise<void> {
    const stopped: DomainEvent[] = [];
    for (const callId of this.deps.offers.callsRingingFor(userId)) {
      this.deps.offers.remove(callId, userId);
      const call = await this.deps.calls.get(callId);
      if (call) stopped.push({ type: 'ring_stopped', call, userIds: [userId], reason });
    }
    await this.deps.publisher.publish(stopped);
  }

  /** A ringing call no specialist is being offered any more goes back to plain `queued`. */
  async requeue(callId: string): Promise<void> {
    if (this.deps.offers.forCall(callId).length > 0) return;
    await this.commit(async (events) => {
      const row = await this.move(callId, 'requeue', this.deps.clock.now(), null, {}, 'no specialist ringing');
      if (row) events.push({ type: 'requeued', call: row });
    });
  }

  /**
   * A specialist answers. They must cover the line, be connected and free; the first to answer
   * wins (one guarded UPDATE, committed with its audit entry; a retried accept by the winner gets
   * the call again). The call stops ringing everywhere (for the winner as `taken_by_you`), its
   * maximum wait stops, the winner's other rings stop, and they are busy.
   */
  async accept(actor: Actor, callId: string): Promise<CallRow> {
    const { calls, lines, offers, timers, presence, audit, clock } = this.deps;
    const row = await calls.get(callId);
    if (!row || !(await lines.specialistIds(row.line_id)).includes(actor.userId)) throw new Failure('forbidden', 'This call is not on a line you cover.');
    if (row.specialist_id === actor.userId && row.state === 'connected') return row;
    if (row.specialist_id && row.specialist_id !== actor.userId) throw new Failure('already_taken', 'Another specialist has already answered this call.');
    if (row.state !== 'queued' && row.state !== 'ringing') throw new Failure('invalid_state', `The caller is no longer waiting (call ${row.state}).`);
    const activity = await calls.specialistActivity(actor.userId);
    if (activity === 'wrap_up') throw new Failure('wrap_up_required', 'Record the outcome of your last call before taking another.');
    if (activity === 'connected') throw new Failure('invalid_state', 'You are already in a call.');
    if (!presence.isLive(actor.userId)) throw new Failure('invalid_state', 'You are not connected.');

    const now = clock.now();
    const won = await this.commit(async (events) => {
      const won = await this.move(callId, 'accept', now, actor.userId, { specialist_id: actor.userId, stamp: { answered_at: now } });
      if (!won) return null;
      await audit.write('call.accept', actor.userId, callId, { lineId: won.line_id, waitedMs: now - won.created_at });
      timers.clear(maxWaitKey(callId));
      const rang = offers.forget(callId);
      events.push(
        { type: 'answered', call: won },
        { type: 'ring_stopped', call: won, userIds: rang.filter((u) => u !== actor.userId), reason: 'taken' },
        { type: 'presence_changed', userId: actor.userId, reason: 'in_call' },
      );
      if (rang.includes(actor.userId)) events.push({ type: 'ring_stopped', call: won, userIds: [actor.userId], reason: 'taken_by_you' });
      return won;
    }).catch((err: unknown) => {
      // Another accept by the same specialist committed first (the store allows one busy call each).
      if (isUniqueViolation(err)) throw new Failure('invalid_state', 'You are already in a call.');
      throw err;
    });
    if (!won) {
      const after = (await calls.get(callId))!;
      if (after.specialist_id && after.specialist_id !== actor.userId) throw new Failure('already_taken', 'Another specialist has already answered this call.');
      throw new Failure('invalid_state', `The caller is no longer waiting (call ${after.state}).`);
    }
    await this.withdrawOffersTo(actor.userId, 'moved_on');
    return won;
  }

  /** queued/ringing → abandoned (caller gave up or is gone) or unanswered (maximum wait: call-back requested). */
  endWaiting(callId: string, event: EndWaiting, actorId: string | null, reason: EndReason): Promise<CallRow | null> {
    const { offers, timers, clock, log } = this.deps;
    const now = clock.now();
    const stamp = event === 'max_wait' ? { ended_at: now, callback_requested_at: now } : { ended_at: now };
    return this.commit(async (events) => {
      const row = await this.move(callId, event, now, actorId, { end_reason: reason, stamp }, reason);
      if (!row) return null;
      timers.clear(maxWaitKey(callId));
      events.push({ type: 'ended', call: row }, { type: 'ring_stopped', call: row, userIds: offers.forget(callId), reason: RING_STOP_WHEN[event] });
      log.info({ callId, to: row.state, reason }, 'call ended before an answer');
      return row;
    });
  }

  /** connected → wrap_up (hung up, or a party gone past the grace: the specialist records the advice) or failed (no audio). */
  endConnected(callId: string, event: 'hang_up' | 'media_failed' | 'party_lost', actorId: string | null, reason: EndReason): Promise<CallRow | null> {
    const { presence, clock, log } = this.deps;
    const now = clock.now();
    return this.commit(async (events) => {
      const row = await this.move(callId, event, now, actorId, { end_reason: reason, stamp: { ended_at: now } }, reason);
      if (!row) return null;
      events.push({ type: 'ended', call: row });
      if (row.specialist_id) {
        if (row.state === 'failed') presence.markIdle(row.specialist_id);
        events.push({ type: 'presence_changed', userId: row.specialist_id, reason: row.state === 'wrap_up' ? 'wrap_up' : 'chosen' });
      }
      log.info({ callId, to: row.state, reason }, 'call ended');
      return row;
    });
  }

  /**
   * An outcome is stored by `store` in the same commit as what it does to the call: the advice
   * outcome closes a call in wrap-up; any other outcome leaves the call as it is. Returns the
   * call, and whether it closed.
   */
  async recordOutcome(
    call: CallRow,
    actorId: string,
    store: () => Promise<void>,
    closing?: { code: string; topic: string | null },
  ): Promise<{ call: CallRow; closed: boolean }> {
    const now = this.deps.clock.now();
    const out = await this.commit(async (events) => {
      await store();
      const closed = closing && call.state === 'wrap_up' ? await this.move(call.id, 'advice_outcome', now, actorId, { topic: closing.topic, stamp: { closed_at: now } }, closing.code) : null;
      events.push({ type: 'outcome_recorded', call: closed ?? call });
      return { call: closed ?? call, closed: closed !== null };
    });
    // Free from now: longest-idle routing counts from the end of their last call.
    if (out.closed) this.deps.presence.markIdle(actorId);
    return out;
  }

  /** After a restart: offers were in memory, so a ringing call is queued again; every live call notes the restart. */
  restart(call: CallRow): Promise<CallRow | null> {
    return this.commit(async (events) => {
      const detail = call.state === 'ringing' ? 'server restarted: offers reset' : 'server restarted';
      const row = await this.move(call.id, 'restart', this.deps.clock.now(), null, {}, detail);
      if (row) events.push({ type: 'restarted', call: row });
      return row;
    });
  }

  private move(callId: string, event: CallEvent, at: number, actorId: string | null, fields?: MoveFields, detail?: string): Promise<CallRow | null> {
    return this.deps.calls.move(callId, event, at, actorId, fields, detail ?? null);
  }

  /**
   * Runs `fn` in one transaction and publishes the events it collected once that commits; if it
   * throws, nothing is published. Never nested: an event must not go out before its commit.
   */
  private async commit<T>(fn: (events: DomainEvent[]) => Promise<T>): Promise<T> {
    if (this.deps.data.inTransaction()) throw new Error('CallMachine moves commit on their own: do not call one inside a transaction');
    const events: DomainEvent[] = [];
    const out = await this.deps.data.transaction(() => fn(events));
    try {
      await this.deps.publisher.publish(events.filter((e) => e.type !== 'ring_stopped' || e.userIds.length > 0));
    } catch (err) {
      // Committed: what follows the move (timers, routing, the reply) must still happen.
      this.deps.log.error({ err }, 'publishing committed call events failed');
    }
    return out;
  }
}
