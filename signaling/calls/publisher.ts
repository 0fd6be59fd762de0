import type { Lines, LinesView } from '../directory/lines.js';
import type { Logger } from '../log.js';
import type { Availability } from '../presence/availability.js';
import type { PresenceRegistry } from '../presence/registry.js';
import { compareQueueItems, type CoveredLine, type Line, type QueueItem } from '../protocol.js';
import type { Notify } from '../realtime/notify.js';
import type { DomainEvent } from './domain-events.js';
import type { CallRow, CallStore } from './store.js';
import type { Views } from './views.js';

/**
 * The one place domain events become socket messages. Every message goes to every socket of the
 * users it concerns; clients apply the same event twice safely, so nobody is left out because a
 * reply already told them.
 */
export class Publisher {
  /** Lines changed this event-loop turn whose queue lists are not yet re-sent. */
  private readonly pendingLines = new Set<string>();
  private flushing: NodeJS.Immediate | null = null;
  private closed = false;

  constructor(
    private readonly deps: {
      notify: Notify;
      views: Views;
      lines: Lines;
      calls: CallStore;
      presence: PresenceRegistry;
      availability: Availability;
      log: Logger;
    },
  ) {}

  /** Sends what each event means to the users it concerns. Call only once the events are committed. */
  publish(events: readonly DomainEvent[]): void {
    const { notify, views, lines, availability } = this.deps;
    for (const e of events) {
      switch (e.type) {
        case 'rang': {
          const line = lines.get(e.call.line_id);
          // Offers made together share their expiry, so one item (one packet) serves them all.
          if (line) notify.toUsers(e.userIds, 'call:ring', views.queueItem(e.call, line, e.userIds[0]!));
          break;
        }
        case 'ring_stopped':
          notify.toUsers(e.userIds, 'call:ring-stop', { callId: e.call.id, reason: e.reason });
          break;
        case 'presence_changed': {
          const status = availability.status(e.userId);
          notify.toUser(e.userId, 'presence:changed', e.message ? { status, reason: e.reason, message: e.message } : { status, reason: e.reason });
          break;
        }
        default:
          this.sendCall(e.call);
      }
      if (e.type !== 'presence_changed') this.lineChanged(e.call.line_id);
    }
  }

  /** call:updated to both parties, each with their own view. */
  sendCall(row: CallRow): void {
    const { notify, views } = this.deps;
    notify.toUser(row.caller_id, 'call:updated', views.call(row, row.caller_id));
    if (row.specialist_id) notify.toUser(row.specialist_id, 'call:updated', views.call(row, row.specialist_id));
  }

  /** queue:snapshot to every socket of a specialist. */
  sendSnapshot(userId: string): void {
    this.deps.notify.toUser(userId, 'queue:snapshot', this.snapshotFor(userId));
  }

  /** The queue list (and covered lines) a specialist's client shows. */
  snapshotFor(userId: string, pass: Pass = this.newPass()): { items: QueueItem[]; lines: CoveredLine[] } {
    const items: QueueItem[] = [];
    const covered: CoveredLine[] = [];
    for (const lineId of pass.lines.coveredBy(userId)) {
      const shared = this.lineSnapshot(lineId, pass);
      if (!shared) continue;
      covered.push(shared.covered);
      for (const row of shared.waiting) items.push(this.deps.views.queueItem(row, shared.line, userId));
    }
    items.sort(compareQueueItems);
    return { items, lines: covered };
  }

  /**
   * After any change on a line: fresh lists to its specialists, fresh positions to its waiting
   * callers — on the next turn of the event loop, once per line however many changes this turn
   * made, so a burst of events sends each list once.
   */
  lineChanged(lineId: string): void {
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
    const pass = this.newPass();
    for (const lineId of lineIds) {
      try {
        this.publishLine(lineId, pass);
      } catch (err) {
        this.deps.log.error({ err, lineId }, 'publishing a line failed');
      }
    }
  }

  private publishLine(lineId: string, pass: Pass): void {
    const { presence, notify, views } = this.deps;
    for (const userId of pass.lines.specialistIds(lineId)) {
      if (presence.isLive(userId)) notify.toUser(userId, 'queue:snapshot', this.snapshotFor(userId, pass));
    }
    const snapshot = this.lineSnapshot(lineId, pass);
    if (!snapshot || snapshot.waiting.length === 0) return;
    const shared = { line: snapshot.line, waiting: snapshot.waiting, expectedWaitSec: views.expectedWait(lineId) };
    for (const row of snapshot.waiting) notify.toUser(row.caller_id, 'call:updated', views.call(row, row.caller_id, shared));
  }

  private lineSnapshot(lineId: string, pass: Pass): LineSnapshot | null {
    let snapshot = pass.perLine.get(lineId);
    if (snapshot !== undefined) return snapshot;
    const line = pass.lines.get(lineId);
    snapshot = line && { line, covered: this.deps.views.coveredLine(line), waiting: this.deps.calls.waiting(line.id) };
    pass.perLine.set(lineId, snapshot);
    return snapshot;
  }

  private newPass(): Pass {
    return { lines: this.deps.lines.view(), perLine: new Map() };
  }
}

/**
 * What one publishing pass shares between its recipients: one reading of the lines, and each
 * line's parts every recipient sees alike (counting a line's available specialists checks each
 * of them, so it is done once per line, not once per recipient).
 */
interface Pass {
  lines: LinesView;
  perLine: Map<string, LineSnapshot | null>;
}

interface LineSnapshot {
  line: Line;
  covered: CoveredLine;
  waiting: CallRow[];
}
