import type { Clock } from '../clock.js';
import type { Lines } from '../directory/lines.js';
import type { Logger } from '../log.js';
import type { Availability } from '../presence/availability.js';
import type { ChosenStatus, PresenceRegistry } from '../presence/registry.js';
import type { PresenceReason } from '../protocol.js';
import type { CallMachine } from './machine.js';
import type { Offers } from './offers.js';
import type { Publisher } from './publisher.js';
import { KeyedLock } from './keyed-lock.js';
import { planOffers } from './routing.js';
import type { CallStore } from './store.js';

export const NOT_RESPONDING_MESSAGE =
  'A call rang for you without an answer, so you were set to Away. Set yourself Available to take calls again.';

export interface RouterDeps {
  clock: Clock;
  log: Logger;
  lines: Lines;
  calls: CallStore;
  offers: Offers;
  presence: PresenceRegistry;
  availability: Availability;
  machine: CallMachine;
  publisher: Publisher;
}

/**
 * Who is offered which waiting call: applies the line's routing plan (routing.ts) through the
 * call machine, times offers out, and follows specialists' chosen presence.
 */
export class Router {
  private readonly perLine = new KeyedLock();

  constructor(private readonly deps: RouterDeps) {}

  /** Makes every offer the line's routing calls for now; a call left ringing for nobody is queued again. One pass per line at a time. */
  route(lineId: string): Promise<void> {
    return this.perLine.run(lineId, () => this.routeNow(lineId));
  }

  private async routeNow(lineId: string): Promise<void> {
    const { lines, calls, offers, availability, presence, machine, clock } = this.deps;
    const line = await lines.get(lineId);
    if (!line) return;
    // A switched-off line takes no new calls (CallService.request), but the ones already waiting
    // keep being offered until they are answered, cancelled or reach the maximum wait.
    const waiting = await calls.waiting(lineId);
    if (waiting.length === 0) return;
    const free = await availability.whoCanTakeCalls(line.specialistIds);
    const plan = planOffers({
      strategy: line.routing,
      rota: line.specialistIds,
      specialists: line.specialistIds.map((id) => ({ id, available: free.has(id), idleSince: presence.idleSince(id) })),
      calls: waiting.map((c) => ({ id: c.id, urgency: c.urgency, createdAt: c.created_at, offeredTo: offers.forCall(c.id), passed: offers.passed(c.id) })),
      ringingElsewhere: offers.ringingSequential(),
    });
    const now = clock.now();
    const ringMs = line.ringTimeoutSec * 1000 * clock.timeScale;
    const rung = new Map<string, string[]>();
    for (const { callId, specialistId } of plan) {
      offers.add(callId, specialistId, now, ringMs, line.routing !== 'ring_all', () => this.offerTimedOut(callId, specialistId, lineId));
      rung.set(callId, [...(rung.get(callId) ?? []), specialistId]);
    }
    for (const [callId, userIds] of rung) {
      if (!(await machine.ring(callId, userIds))) for (const userId of userIds) offers.remove(callId, userId);
    }
    for (const c of waiting) if (c.state === 'ringing' && !rung.has(c.id)) await machine.requeue(c.id);
  }

  /** Routes every line the user covers (their availability changed), and `alsoLineId`. */
  async routeLinesOf(userId: string, alsoLineId?: string): Promise<void> {
    const lineIds = new Set(await this.deps.lines.coveredBy(userId));
    if (alsoLineId) lineIds.add(alsoLineId);
    await Promise.all([...lineIds].map((lineId) => this.route(lineId)));
  }

  /** Longest-idle / rota: the call passes to the next specialist now. Ring-all: it stops ringing for this one. */
  async decline(callId: string, userId: string, lineId: string): Promise<boolean> {
    if (!(await this.deps.machine.passOn(callId, userId, 'decline'))) return false;
    await this.route(lineId);
    return true;
  }

  /** A specialist's chosen status changed (by them, or by the server when they did not respond). */
  async setChosen(userId: string, status: ChosenStatus, reason: PresenceReason, message?: string): Promise<void> {
    const { presence, offers, machine, publisher } = this.deps;
    await presence.setChosen(userId, status);
    if (status === 'away') await machine.withdrawOffersTo(userId, 'moved_on');
    else offers.unpassUser(userId);
    await publisher.publish([message ? { type: 'presence_changed', userId, reason, message } : { type: 'presence_changed', userId, reason }]);
    await this.routeLinesOf(userId);
  }

  private async offerTimedOut(callId: string, userId: string, lineId: string): Promise<void> {
    const { machine, lines, log } = this.deps;
    if (!(await machine.passOn(callId, userId, 'ring_timeout'))) return;
    // Clinical safety choice for a switched-off line: its waiting callers are not dropped (they stay
    // answerable, and the maximum wait still ends them `unanswered` with a call-back), but an
    // unanswered offer only moves on: nobody is set "not responding" for a service that was closed.
    if ((await lines.get(lineId))?.active === false) {
      log.info({ callId, userId }, 'offer timed out on a switched-off line: moved on');
      await this.route(lineId);
      return;
    }
    log.info({ callId, userId }, 'offer timed out: specialist set away (not responding)');
    await this.setChosen(userId, 'away', 'not_responding', NOT_RESPONDING_MESSAGE);
    if (!(await lines.coveredBy(userId)).includes(lineId)) await this.route(lineId);
  }
}
