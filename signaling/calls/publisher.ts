import type { Core } from '../core.js';
import type { CoveredLine, Line, PresenceReason, PresenceStatus, QueueItem } from '../protocol.js';
import { compareQueued } from './routing.js';
import type { CallRow } from './store.js';
import type { Views } from './views.js';

/** Pushes state to clients: queue snapshots, call updates, presence changes. */
export class Publisher {
  /** The queue:snapshot each specialist was last sent (as sent), so an unchanged one is not sent again. */
  private readonly lastSnapshot = new Map<string, string>();
  /** Lines changed this event-loop turn whose queue lists are not yet re-sent. */
  private readonly pendingLines = new Set<string>();
  private flushing: NodeJS.Immediate | null = null;
  private closed = false;

  constructor(
    private readonly core: Core,
    private readonly views: Views,
  ) {
    core.notify.onDropped(() => this.lastSnapshot.clear());
  }

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

  /**
   * `perLine` lets publishLine build the parts every recipient shares (the line, its waiting calls,
   * its covered-line counts) once per line instead of once per specialist: coveredLine() checks
   * every specialist's availability, so rebuilding it per recipient cost O(specialists²) queries.
   */
  snapshotFor(userId: string, perLine: Map<string, LineSnapshot | null> = new Map()): { items: QueueItem[]; lines: CoveredLine[] } {
    const items: QueueItem[] = [];
    const covered: CoveredLine[] = [];
    for (const lineId of this.core.lines.coveredBy(userId)) {
      let shared = perLine.get(lineId);
      if (shared === undefined) perLine.set(lineId, (shared = this.lineSnapshot(lineId)));
      if (!shared) continue;
      covered.push(shared.covered);
      for (const row of shared.waiting) items.push(this.views.queueItem(row, shared.line, userId));
    }
    const key = (i: QueueItem) => ({ id: i.callId, urgency: i.urgency, createdAt: i.createdAt });
    items.sort((a, b) => compareQueued(key(a), key(b)));
    return { items, lines: covered };
  }

  /**
   * queue:snapshot to every socket of the user, unless it is identical to the last one they were
   * sent (e.g. after a hang-up nothing in the queue changed: the specialist is in wrap-up either way).
   */
  sendSnapshot(userId: string, perLine?: Map<string, LineSnapshot | null>): void {
    const snapshot = this.snapshotFor(userId, perLine);
    const sent = JSON.stringify(snapshot);
    if (this.lastSnapshot.get(userId) === sent) return;
    this.lastSnapshot.set(userId, sent);
    this.core.notify.toUser(userId, 'queue:snapshot', snapshot);
  }

  /**
   * A socket of this user was sent a snapshot some other way (the one every new connection gets):
   * what each of their sockets holds is no longer known, so the next snapshot goes out whatever it holds.
   */
  forgetSnapshot(userId: string): void {
    this.lastSnapshot.delete(userId);
  }

  /**
   * After any change on a line: fresh snapshots to its specialists, fresh positions to its waiting
   * callers — on the next turn of the event loop, once per line however many changes this turn made.
   * Rings, ring-stops and call updates go out at once; deferring the lists (the bulk of the work)
   * lets another caller's request, and its ring, be handled first.
   */
  publishLine(lineId: string): void {
    if (this.closed) return;
    this.pendingLines.add(lineId);
    this.flushing ??= setImmediate(() => this.flush());
  }

  /** Server shutdown: nothing more is published. */
  close(): void {
    this.closed = true;
    if (this.flushing) clearImmediate(this.flushing);
    this.pendingLines.clear();
  }

  private flush(): void {
    this.flushing = null;
    const lineIds = [...this.pendingLines];
    this.pendingLines.clear();
    for (const lineId of lineIds) {
      try {
        this.publishLineNow(lineId);
      } catch (err) {
        this.core.log.error({ err, lineId }, 'publishing a line failed');
      }
    }
  }

  private publishLineNow(lineId: string): void {
    const { lines, calls, presence, notify } = this.core;
    const perLine = new Map<string, LineSnapshot | null>();
    for (const userId of lines.specialistIds(lineId)) {
      if (presence.isLive(userId)) this.sendSnapshot(userId, perLine);
    }
    const waiting = calls.waiting(lineId);
    if (waiting.length === 0) return;
    const shared = { line: lines.get(lineId), waiting, expectedWaitSec: this.views.expectedWait(lineId) };
    for (const row of waiting) notify.toUser(row.caller_id, 'call:updated', this.views.call(row, row.caller_id, shared));
  }

  private lineSnapshot(lineId: string): LineSnapshot | null {
    const line = this.core.lines.get(lineId);
    return line ? { line, covered: this.views.coveredLine(line), waiting: this.core.calls.waiting(lineId) } : null;
  }
}

interface LineSnapshot {
  line: Line;
  covered: CoveredLine;
  waiting: CallRow[];
}
