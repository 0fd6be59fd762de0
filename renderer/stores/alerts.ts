import type { QueueItem } from '../../signaling/protocol.js';
import { URGENCY } from '../logic/labels.js';
import { platform } from '../platform/index.js';
import { usePresence } from './presence.js';
import { ringingItems, useQueue } from './queue.js';

/** Which ring notifications to show and which to clear when the ringing set changes. */
export function diffRinging(before: ReadonlySet<string>, now: readonly QueueItem[]) {
  const nowIds = new Set(now.map((i) => i.callId));
  return {
    start: now.filter((i) => !before.has(i.callId)),
    stop: [...before].filter((id) => !nowIds.has(id)),
    ids: nowIds,
  };
}

export function ringText(item: QueueItem): { title: string; body: string } {
  return {
    title: `${URGENCY[item.urgency]} call — ${item.lineName}`.slice(0, 200),
    body: `${item.caller.displayName}, ${item.caller.organisationName}: ${item.question}`.slice(0, 500),
  };
}

/**
 * Keeps the platform's attention signals (OS notification, tray / window title / badge) in step
 * with the calls ringing for this user. The ring sound is played by the UI (RingSound).
 */
export function startAlerts(): () => void {
  let ringing = new Set<string>();
  let lastAttention = '';
  const sync = () => {
    const items = ringingItems(useQueue.getState());
    const { start, stop, ids } = diffRinging(ringing, items);
    ringing = ids;
    for (const item of start) void platform().notifyRing({ callId: item.callId, ...ringText(item) }).catch(() => undefined);
    for (const id of stop) void platform().clearRing(id).catch(() => undefined);
    const attention = { ringing: Math.min(1000, ids.size), presence: usePresence.getState().status };
    const key = JSON.stringify(attention);
    if (key !== lastAttention) {
      lastAttention = key;
      void platform().setAttention(attention).catch(() => undefined);
    }
  };
  const offQueue = useQueue.subscribe(sync);
  const offPresence = usePresence.subscribe(sync);
  sync();
  return () => {
    offQueue();
    offPresence();
  };
}
