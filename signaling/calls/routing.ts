import { compareQueueOrder, type RoutingStrategy, type Urgency } from '../protocol.js';

/** Routing as pure functions: which waiting call is offered to which specialist. No I/O, no clock. */

export interface QueuedCall {
  id: string;
  urgency: Urgency;
  createdAt: number;
}

export const compareQueued = (a: QueuedCall, b: QueuedCall): number => compareQueueOrder(a, a.id, b, b.id);

export function orderQueue<T extends QueuedCall>(calls: readonly T[]): T[] {
  return [...calls].sort(compareQueued);
}

export interface RoutingSpecialist {
  id: string;
  /** Presence `available` with a live connection. */
  available: boolean;
  /** Since when they have been free to take a call (became available or finished their last call). */
  idleSince: number;
}

export interface RoutingCall extends QueuedCall {
  /** Specialists this call is ringing for right now. */
  offeredTo: readonly string[];
  /** Specialists who declined or let this call's offer time out: not offered it again. */
  passed: readonly string[];
}

export interface LinePlanInput {
  strategy: RoutingStrategy;
  /** The line's covering specialists in rota order. */
  rota: readonly string[];
  specialists: readonly RoutingSpecialist[];
  calls: readonly RoutingCall[];
  /** Specialists already ringing for a one-at-a-time offer (any line): not given a second one. */
  ringingElsewhere?: ReadonlySet<string>;
}

export interface NewOffer {
  callId: string;
  specialistId: string;
}

/**
 * The offers to add now. Ring-all: every available specialist who has not passed on a call hears it
 * ring. Longest-idle and rota order: each call rings for one specialist at a time; calls are served
 * in queue order, each taking the best free specialist (longest idle, or first in the rota) who is
 * not already ringing for another one-at-a-time call.
 */
export function planOffers(input: LinePlanInput): NewOffer[] {
  const calls = orderQueue(input.calls);
  const available = input.specialists.filter((s) => s.available);
  const offers: NewOffer[] = [];
  if (input.strategy === 'ring_all') {
    for (const call of calls) {
      for (const s of available) {
        if (!call.offeredTo.includes(s.id) && !call.passed.includes(s.id)) offers.push({ callId: call.id, specialistId: s.id });
      }
    }
    return offers;
  }
  const taken = new Set(input.ringingElsewhere ?? []);
  for (const call of calls) for (const id of call.offeredTo) taken.add(id);
  const ranked = rankForStrategy(input.strategy, input.rota, available);
  for (const call of calls) {
    if (call.offeredTo.length > 0) continue;
    const pick = ranked.find((s) => !taken.has(s.id) && !call.passed.includes(s.id));
    if (!pick) continue;
    taken.add(pick.id);
    offers.push({ callId: call.id, specialistId: pick.id });
  }
  return offers;
}

/** Preference order among free specialists for the one-at-a-time strategies. */
export function rankForStrategy(
  strategy: Exclude<RoutingStrategy, 'ring_all'>,
  rota: readonly string[],
  specialists: readonly RoutingSpecialist[],
): RoutingSpecialist[] {
  const rotaIndex = (id: string) => {
    const i = rota.indexOf(id);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  const byRota = (a: RoutingSpecialist, b: RoutingSpecialist) => rotaIndex(a.id) - rotaIndex(b.id) || (a.id < b.id ? -1 : 1);
  const sorted = [...specialists];
  if (strategy === 'rota_order') return sorted.sort(byRota);
  return sorted.sort((a, b) => a.idleSince - b.idleSince || byRota(a, b));
}

/** 1-based position of a call in its line's queue, or null when it is not waiting. */
export function queuePosition(calls: readonly QueuedCall[], callId: string): number | null {
  const i = orderQueue(calls).findIndex((c) => c.id === callId);
  return i === -1 ? null : i + 1;
}

/** Expected wait from recent answer times (seconds): the median, rounded up; null without history. */
export function expectedWaitSec(recentWaitsMs: readonly number[]): number | null {
  if (recentWaitsMs.length === 0) return null;
  const sorted = [...recentWaitsMs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.max(0, Math.ceil(median / 1000));
}
