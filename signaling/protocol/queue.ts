import { URGENCY_RANK, type QueueItem } from './calls.js';

/** Why a call stopped ringing for a specialist (the payload of `call:ring-stop`). */
export type RingStopReason = 'taken' | 'taken_by_you' | 'abandoned' | 'unanswered' | 'timed_out' | 'declined' | 'moved_on';

/** How a specialist's queue list follows `call:ring` and `call:ring-stop` between snapshots. */

type Queued = Pick<QueueItem, 'urgency' | 'createdAt'>;

/** Queue order, the one the server routes by and every list shows: urgency, then arrival, then id (total and stable). */
export function compareQueueOrder(a: Queued, aId: string, b: Queued, bId: string): number {
  return URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] || a.createdAt - b.createdAt || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

export const compareQueueItems = (a: QueueItem, b: QueueItem): number => compareQueueOrder(a, a.callId, b, b.callId);

export function sortQueue(items: readonly QueueItem[]): QueueItem[] {
  return [...items].sort(compareQueueItems);
}

/** A call rings for us: it joins the list (or replaces its older copy), marked as offered to us. */
export function applyRing(items: readonly QueueItem[], ring: QueueItem): QueueItem[] {
  const rest = items.filter((i) => i.callId !== ring.callId);
  return sortQueue([...rest, { ...ring, offeredToYou: true }]);
}

/** A call stops ringing for us: calls that left the queue go; the rest just stop ringing for us. */
export function applyRingStop(items: readonly QueueItem[], callId: string, reason: RingStopReason): QueueItem[] {
  const gone = reason === 'taken' || reason === 'taken_by_you' || reason === 'abandoned' || reason === 'unanswered';
  return gone
    ? items.filter((i) => i.callId !== callId)
    : items.map((i) => (i.callId === callId ? { ...i, offeredToYou: false, offerExpiresAt: null } : i));
}
