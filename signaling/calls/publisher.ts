import { performance } from 'node:perf_hooks';
import type { Core } from '../core.js';
import type { LinesView } from '../directory/lines.js';
import { applyRing, applyRingStop, compareQueueItems, type CallView, type CoveredLine, type Line, type PartyInfo, type PresenceReason, type PresenceStatus, type QueueItem, type RingStopReason } from '../protocol.js';
import { sameData } from './same-data.js';
import type { CallRow } from './store.js';
import type { Views } from './views.js';

/** The queue a specialist's client holds: the last snapshot it was sent, with the rings and ring-stops sent since applied. */
interface Held {
  items: QueueItem[];
  lines: CoveredLine[];
}

/** Pushes state to clients: queue snapshots, rings, call updates, presence changes. */
export class Publisher {
  /** What each specialist's client holds (see Held); a snapshot that would not change it is not sent. */
  private readonly held = new Map<string, Held>();
  /**
   * Specialists whose covered-line counts changed, and when each is to be re-sent (see sendSnapshot),
   * on the monotonic clock: a wall-clock step must not hold them up. All wait the same time, so
   * the map is in due order; one timer serves them all.
   */
  private readonly countsDue = new Map<string, number>();
  private countsTimer: NodeJS.Timeout | null = null;
  /** Lines changed this event-loop turn whose queue lists are not yet re-sent. */
  private readonly pendingLines = new Set<string>();
  private flushing: NodeJS.Immediate | null = null;
  private closed = false;
  /**
   * The view of each waiting call its caller's sockets hold (the request's reply and its copy to
   * their other sockets, then each call:updated): a re-publish that would not change it is not sent.
   */
  private readonly callerHolds = new Map<string, CallView>();

  constructor(
    private readonly core: Core,
    private readonly views: Views,
    /** How long a change only in covered-line counts may wait before it is sent (see sendSnapshot). */
    private readonly countsRefreshMs: number,
  ) {
    core.notify.onDropped(() => {
      this.held.clear();
      this.callerHolds.clear();
    });
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

  /**
   * The specialist answered (busy) or hung up (wrap-up): the requesting socket's reply implies it
   * (presenceImpliedByReply), so that socket is left out (Notify.asOrigin).
   */
  sendPresenceButOrigin(userId: string, reason: 'in_call' | 'wrap_up'): void {
    this.core.notify.toUserButOrigin(userId, 'presence:changed', { status: this.presenceOf(userId), reason });
  }

  /**
   * call:updated to both parties. Handling a request whose acknowledgement is this view (accept,
   * hang-up, cancel: see Notify.asOrigin), the requesting socket is left out.
   */
  sendCall(row: CallRow): void {
    const { notify } = this.core;
    const forCaller = this.views.call(row, row.caller_id);
    notify.toUserButOrigin(row.caller_id, 'call:updated', forCaller);
    this.holdForCaller(forCaller);
    if (row.specialist_id && notify.reachesButOrigin(row.specialist_id)) notify.toUserButOrigin(row.specialist_id, 'call:updated', this.views.call(row, row.specialist_id));
  }

  /**
   * A new call's view, which its caller's requesting socket gets as the reply: their other sockets
   * get it as call:updated (Notify.asOrigin), and the next re-publish of the line skips it if unchanged.
   */
  sendPlacedCall(view: CallView): void {
    this.core.notify.toUserButOrigin(view.caller.userId, 'call:updated', view);
    this.holdForCaller(view);
  }

  /**
   * This user's sockets may hold other views of their waiting calls (a socket connected, a request
   * was retried): the next view of each goes out whatever they hold.
   */
  forgetCallerViews(userId: string): void {
    for (const [callId, view] of this.callerHolds) if (view.caller.userId === userId) this.callerHolds.delete(callId);
  }

  private holdForCaller(view: CallView): void {
    if (view.state === 'queued' || view.state === 'ringing') this.callerHolds.set(view.id, view);
    else this.callerHolds.delete(view.id);
  }

  /**
   * `pass` lets publishLine build the parts every recipient shares (the line, its waiting calls,
   * its covered-line counts) once per line instead of once per specialist: coveredLine() checks
   * every specialist's availability, so rebuilding it per recipient cost O(specialists²) queries.
   */
  snapshotFor(userId: string, pass: Pass = this.newPass()): { items: QueueItem[]; lines: CoveredLine[] } {
    const items: QueueItem[] = [];
    const covered: CoveredLine[] = [];
    for (const lineId of pass.lines.coveredBy(userId)) {
      let shared = pass.perLine.get(lineId);
      if (shared === undefined) pass.perLine.set(lineId, (shared = this.lineSnapshot(pass.lines.get(lineId))));
      if (!shared) continue;
      covered.push(shared.covered);
      shared.waiting.forEach((row, i) => items.push(this.views.queueItem(row, shared.line, userId, shared.callers[i])));
    }
    items.sort(compareQueueItems);
    return { items, lines: covered };
  }

  /** call:ring to every socket of these specialists (one packet: the item is the same for all of them). */
  sendRing(userIds: readonly string[], item: QueueItem): void {
    this.core.notify.toUsers(userIds, 'call:ring', item);
    for (const userId of userIds) {
      const held = this.held.get(userId);
      if (held) held.items = applyRing(held.items, item);
    }
  }

  /** call:ring-stop to every socket of these specialists, one packet. */
  sendRingStop(userIds: readonly string[], callId: string, reason: RingStopReason): void {
    this.core.notify.toUsers(userIds, 'call:ring-stop', { callId, reason });
    for (const userId of userIds) this.heldRingStop(userId, callId, reason);
  }

  /** The specialist answered this call: the socket that accepted learns it from its reply (Notify.asOrigin). */
  sendTakenByYou(userId: string, callId: string): void {
    this.core.notify.toUserButOrigin(userId, 'call:ring-stop', { callId, reason: 'taken_by_you' });
    this.heldRingStop(userId, callId, 'taken_by_you');
  }

  private heldRingStop(userId: string, callId: string, reason: RingStopReason): void {
    const held = this.held.get(userId);
    if (held) held.items = applyRingStop(held.items, callId, reason);
  }

  /**
   * queue:snapshot to every socket of the specialist, when it would change what they hold. A new
   * call that rang for them, or one a colleague took, is already in (or out of) their list through
   * the ring / ring-stop; what else changes with each call is how many colleagues are available on
   * their lines. A snapshot that changes only those counts waits up to countsRefreshMs, so a burst of
   * calls sends one; any change to the calls in the list goes at once.
   */
  sendSnapshot(userId: string, pass?: Pass, countsNow = false): void {
    const snapshot = this.snapshotFor(userId, pass);
    const held = this.held.get(userId);
    if (held && sameData(held.items, snapshot.items)) {
      if (sameData(held.lines, snapshot.lines)) return this.cancelCountRefresh(userId);
      if (!countsNow) return this.scheduleCountRefresh(userId);
    }
    this.cancelCountRefresh(userId);
    this.held.set(userId, snapshot);
    this.core.notify.toUser(userId, 'queue:snapshot', snapshot);
  }

  /** The specialist's queue items, for `queue:list`; their client replaces its list with these. */
  listFor(userId: string): QueueItem[] {
    const { items } = this.snapshotFor(userId);
    const held = this.held.get(userId);
    if (held) held.items = items;
    return items;
  }

  /**
   * A socket of this user was sent a snapshot some other way (the one every new connection gets):
   * what each of their sockets holds is no longer known, so the next snapshot goes out whatever it holds.
   */
  forgetSnapshot(userId: string): void {
    this.held.delete(userId);
    this.cancelCountRefresh(userId);
  }

  private scheduleCountRefresh(userId: string): void {
    if (this.closed || this.countsDue.has(userId)) return;
    this.countsDue.set(userId, performance.now() + this.countsRefreshMs);
    this.armCountsTimer();
  }

  private cancelCountRefresh(userId: string): void {
    this.countsDue.delete(userId);
  }

  private armCountsTimer(): void {
    if (this.countsTimer || this.countsDue.size === 0) return;
    const [, first] = this.countsDue.entries().next().value!;
    this.countsTimer = setTimeout(() => this.refreshCounts(), Math.max(0, first - performance.now())).unref();
  }

  /** One publishing pass for every specialist whose refresh is due: lines and their counts are read once. */
  private refreshCounts(): void {
    this.countsTimer = null;
    if (this.closed) return;
    const now = performance.now();
    const due: string[] = [];
    for (const [userId, at] of this.countsDue) {
      if (at > now) break;
      due.push(userId);
      this.countsDue.delete(userId);
    }
    const pass = this.newPass();
    for (const userId of due) if (this.core.presence.isLive(userId)) this.sendSnapshot(userId, pass, true);
    this.armCountsTimer();
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
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.countsDue.clear();
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
    const { calls, presence, notify } = this.core;
    const pass = this.newPass();
    for (const userId of pass.lines.specialistIds(lineId)) {
      if (presence.isLive(userId)) this.sendSnapshot(userId, pass);
    }
    const waiting = calls.waiting(lineId);
    if (this.callerHolds.size > 0) {
      const waitingIds = new Set(waiting.map((row) => row.id));
      for (const [callId, view] of this.callerHolds) if (view.lineId === lineId && !waitingIds.has(callId)) this.callerHolds.delete(callId);
    }
    if (waiting.length === 0) return;
    const shared = { line: pass.lines.get(lineId), waiting, expectedWaitSec: this.views.expectedWait(lineId) };
    for (const row of waiting) {
      const view = this.views.call(row, row.caller_id, shared);
      if (sameData(this.callerHolds.get(row.id), view)) continue;
      notify.toUser(row.caller_id, 'call:updated', view);
      this.callerHolds.set(row.id, view);
    }
  }

  private lineSnapshot(line: Line | null): LineSnapshot | null {
    if (!line) return null;
    const waiting = this.core.calls.waiting(line.id);
    return { line, covered: this.views.coveredLine(line), waiting, callers: waiting.map((row) => this.core.users.party(row.caller_id)) };
  }

  private newPass(): Pass {
    return { lines: this.core.lines.view(), perLine: new Map() };
  }
}

/** What one publishing pass shares between its recipients: one reading of the lines, and each line's shared parts. */
interface Pass {
  lines: LinesView;
  perLine: Map<string, LineSnapshot | null>;
}

interface LineSnapshot {
  line: Line;
  covered: CoveredLine;
  waiting: CallRow[];
  /** waiting[i]'s caller. */
  callers: PartyInfo[];
}
