import type { Core } from '../core.js';
import type { CoveredLine, PresenceReason, PresenceStatus, QueueItem } from '../protocol.js';
import { compareQueued } from './routing.js';
import type { CallRow } from './store.js';
import type { Views } from './views.js';

/** Pushes state to clients: queue snapshots, call updates, presence changes. */
export class Publisher {
  constructor(
    private readonly core: Core,
    private readonly views: Views,
  ) {}

  /** Effective presence: server-set busy / wrap_up win over the specialist's own choice. */
  presenceOf(userId: string): PresenceStatus {
    const { presence, calls } = this.core;
    if (!presence.isPresent(userId)) return 'offline';
    const activity = calls.specialistActivity(userId);
    if (activity === 'connected') return 'busy';
    if (activity === 'wrap_up') return 'wrap_up';
    return presence.chosen(userId) ?? 'away';
  }

  sendPresence(userId: string, reason: PresenceReason, message?: string): void {
    const status = this.presenceOf(userId);
    this.core.notify.toUser(userId, 'presence:changed', message ? { status, reason, message } : { status, reason });
  }

  /** call:updated to both parties. */
  sendCall(row: CallRow): void {
    this.core.notify.toUser(row.caller_id, 'call:updated', this.views.call(row, row.caller_id));
    if (row.specialist_id) this.core.notify.toUser(row.specialist_id, 'call:updated', this.views.call(row, row.specialist_id));
  }

  snapshotFor(userId: string): { items: QueueItem[]; lines: CoveredLine[] } {
    const { lines, calls } = this.core;
    const items: QueueItem[] = [];
    const covered: CoveredLine[] = [];
    for (const lineId of lines.coveredBy(userId)) {
      const line = lines.get(lineId);
      if (!line) continue;
      covered.push(this.views.coveredLine(line));
      for (const row of calls.waiting(lineId)) items.push(this.views.queueItem(row, line, userId));
    }
    const key = (i: QueueItem) => ({ id: i.callId, urgency: i.urgency, createdAt: i.createdAt });
    items.sort((a, b) => compareQueued(key(a), key(b)));
    return { items, lines: covered };
  }

  /** After any change on a line: fresh snapshots to its specialists, fresh positions to its waiting callers. */
  publishLine(lineId: string): void {
    const { lines, calls, presence, notify } = this.core;
    for (const userId of lines.specialistIds(lineId)) {
      if (presence.isLive(userId)) notify.toUser(userId, 'queue:snapshot', this.snapshotFor(userId));
    }
    const waiting = calls.waiting(lineId);
    if (waiting.length === 0) return;
    const shared = { line: lines.get(lineId), waiting, expectedWaitSec: this.views.expectedWait(lineId) };
    for (const row of waiting) notify.toUser(row.caller_id, 'call:updated', this.views.call(row, row.caller_id, shared));
  }
}
