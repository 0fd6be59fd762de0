import type { Lines, LinesView } from '../directory/lines.js';
import type { Logger } from '../log.js';
import type { Availability } from '../presence/availability.js';
import type { PresenceRegistry } from '../presence/registry.js';
import { compareQueueItems, type CoveredLine, type Line, type PartyInfo, type PresenceReason, type QueueItem } from '../protocol.js';
import type { Notify } from '../realtime/notify.js';
import type { DomainEvent } from './domain-events.js';
import { ListNews } from './list-news.js';
import type { CallRow, CallStore } from './store.js';
import type { Users } from '../users.js';
import type { Operations } from './operations.js';
import type { Views } from './views.js';

/** How long queue-list news may wait for busy operations to end (see Operations). */
const FLUSH_AT_LATEST_MS = 100;

/** Presence changes that can change whether a specialist is offered calls (wrap-up follows busy: no change). */
const AVAILABILITY_REASONS: ReadonlySet<PresenceReason> = new Set(['in_call', 'chosen', 'not_responding', 'outcome_recorded']);
/** Call events that change a line's list of waiting calls (an answered call's end or outcome does not). */
const LIST_EVENTS: ReadonlySet<DomainEvent['type']> = new Set(['placed', 'rang', 'requeued', 'answered', 'restarted']);

/**
 * The one place domain events become socket messages. Every message goes to every socket of the
 * users it concerns; clients apply the same event twice safely, so nobody is left out because a
 * reply already told them.
 *
 * Queue lists follow once the client events and timers being handled are done (Operations), once
 * per specialist however many changes they made, and only to those a ring or ring-stop did not
 * already tell (ListNews). A change only in how many colleagues are available on a line goes out
 * with the next list, or within countsEveryMs: a specialist going busy and free again within it
 * costs their colleagues nothing.
 */
export class Publisher {
  private readonly news = new ListNews();
  private flushing: NodeJS.Immediate | null = null;
  /** News waits for the operations in flight to end, but never longer than this under steady load. */
  private flushAtLatest: NodeJS.Timeout | null = null;
  private newsPending = false;
  /**
   * Lines whose colleague counts changed since their specialists' lists were last sent, each with
   * its own timer: lines fall due at different times, so their lists never go out in one burst.
   */
  private readonly countsDue = new Map<string, NodeJS.Timeout>();
  /** Per line, how many colleagues were available when its specialists were last all sent their lists. */
  private readonly countsSent = new Map<string, number>();
  private closed = false;
  /** Publishing passes run one after another, so messages leave in the order their changes committed. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      notify: Notify;
      views: Views;
      lines: Lines;
      calls: CallStore;
      users: Users;
      presence: PresenceRegistry;
      availability: Availability;
      log: Logger;
      countsEveryMs: number;
      operations: Operations;
    },
  ) {
    deps.operations.onIdle(() => (this.newsPending && !this.closed ? this.inTurn(() => this.flush()).catch(() => undefined) : Promise.resolve()));
  }

  /** Sends what each event means to the users it concerns. Call only once the events are committed. */
  publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return this.inTurn(() => this.publishNow(events));
  }

  private async publishNow(events: readonly DomainEvent[]): Promise<void> {
    const { notify, views, lines, availability } = this.deps;
    for (const e of events) {
      // A change to the list makes news of the call for everyone, even those told of it earlier
      // this turn; a ring or ring-stop for the change itself (below, or later events) tells again.
      if (e.type !== 'presence_changed' && (LIST_EVENTS.has(e.type) || (e.type === 'ended' && e.call.answered_at === null))) {
        this.news.itemChanged(e.call.line_id, e.call.id);
        this.scheduleFlush();
      }
      switch (e.type) {
        case 'rang': {
          const line = await lines.get(e.call.line_id);
          // Offers made together share their expiry, so one item (one packet) serves them all.
          if (line) notify.toUsers(e.userIds, 'call:ring', await views.queueItem(e.call, line, e.userIds[0]!));
          this.news.toldOf(e.call.id, e.userIds);
          break;
        }
        case 'ring_stopped':
          notify.toUsers(e.userIds, 'call:ring-stop', { callId: e.call.id, reason: e.reason });
          this.news.toldOf(e.call.id, e.userIds);
          break;
        case 'presence_changed': {
          const status = await availability.status(e.userId);
          notify.toUser(e.userId, 'presence:changed', e.message ? { status, reason: e.reason, message: e.message } : { status, reason: e.reason });
          if (AVAILABILITY_REASONS.has(e.reason)) this.countsChanged(await lines.coveredBy(e.userId));
          break;
        }
        case 'restarted':
          // A waiting caller's view goes out with the line's places (LIST_EVENTS): after a takeover,
          // one pass for the whole queue rather than one per call.
          if (e.call.state !== 'queued' && e.call.state !== 'ringing') await this.sendCall(e.call);
          break;
        default:
          await this.sendCall(e.call);
      }
    }
  }

  /** A specialist came online or went: how many colleagues are available changed on their lines. */
  async availabilityChanged(userId: string): Promise<void> {
    this.countsChanged(await this.deps.lines.coveredBy(userId));
  }

  /** Every specialist of the line gets their list, and its waiting callers their place, on the next turn. */
  lineChanged(lineId: string): void {
    this.news.lineChanged(lineId);
    this.scheduleFlush();
  }

  /** call:updated to both parties, each with their own view. */
  async sendCall(row: CallRow): Promise<void> {
    const { caller, specialist } = await this.deps.views.forParties(row);
    this.deps.notify.toUser(row.caller_id, 'call:updated', caller);
    if (row.specialist_id && specialist) this.deps.notify.toUser(row.specialist_id, 'call:updated', specialist);
  }

  /** queue:snapshot to every socket of a specialist. */
  async sendSnapshot(userId: string): Promise<void> {
    this.deps.notify.toUser(userId, 'queue:snapshot', await this.snapshotFor(userId));
  }

  /** The queue list (and covered lines) a specialist's client shows. */
  async snapshotFor(userId: string, pass: Pass = this.newPass()): Promise<{ items: QueueItem[]; lines: CoveredLine[] }> {
    const items: QueueItem[] = [];
    const covered: CoveredLine[] = [];
    for (const lineId of await pass.lines.coveredBy(userId)) {
      const shared = await this.lineSnapshot(lineId, pass);
      if (!shared) continue;
      covered.push(shared.covered);
      for (const [i, row] of shared.waiting.entries()) items.push(await this.deps.views.queueItem(row, shared.line, userId, shared.callers[i]));
    }
    items.sort(compareQueueItems);
    // Some of a line's specialists may now hold another count than the one all were last sent: the
    // line's next count change must go to all of them, even if it comes back to that one.
    for (const l of covered) if (this.countsSent.get(l.id) !== l.availableSpecialists) this.countsSent.delete(l.id);
    return { items, lines: covered };
  }

  /** Server shutdown: nothing more is published. */
  close(): void {
    this.closed = true;
    this.reset();
  }

  /** Forgets pending lists and counts (another process runs the engine now). */
  reset(): void {
    if (this.flushing) clearImmediate(this.flushing);
    if (this.flushAtLatest) clearTimeout(this.flushAtLatest);
    for (const timer of this.countsDue.values()) clearTimeout(timer);
    this.countsDue.clear();
    this.countsSent.clear();
    this.news.clear();
    this.flushing = null;
    this.flushAtLatest = null;
    this.newsPending = false;
  }

  private inTurn(fn: () => Promise<void>): Promise<void> {
    const turn = this.queue.then(fn);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private scheduleFlush(): void {
    if (this.closed) return;
    this.newsPending = true;
    if (!this.deps.operations.busy) return this.flushSoon();
    this.flushAtLatest ??= setTimeout(() => this.flushSoon(), FLUSH_AT_LATEST_MS).unref();
  }

  private flushSoon(): void {
    if (this.closed) return;
    this.flushing ??= setImmediate(() => void this.inTurn(() => this.flush()));
  }

  private countsChanged(lineIds: readonly string[]): void {
    if (this.closed) return;
    for (const lineId of lineIds) {
      if (!this.countsDue.has(lineId)) {
        this.countsDue.set(lineId, setTimeout(() => void this.inTurn(() => this.sendCounts(lineId)), this.deps.countsEveryMs).unref());
      }
    }
  }

  /** The news of this turn: waiting callers their place, specialists their list (see ListNews). */
  private async flush(): Promise<void> {
    this.flushing = null;
    this.newsPending = false;
    if (this.flushAtLatest) clearTimeout(this.flushAtLatest);
    this.flushAtLatest = null;
    const pass = this.newPass();
    const lineIds = [...this.news.lines()];
    const due = new Set<string>();
    for (const lineId of lineIds) {
      for (const userId of await pass.lines.specialistIds(lineId)) if (this.news.newsFor(lineId, userId)) due.add(userId);
    }
    this.news.clear();
    for (const lineId of lineIds) await this.attempt({ lineId }, () => this.sendPositions(lineId, pass));
    await this.sendSnapshots(due, pass);
  }

  /**
   * A line whose colleague counts changed: its specialists' lists, once for all the changes since
   * the last — unless the count is back where it was (a colleague answered and finished within it).
   */
  private async sendCounts(lineId: string): Promise<void> {
    this.countsDue.delete(lineId);
    const pass = this.newPass();
    const available = (await this.lineSnapshot(lineId, pass))?.covered.availableSpecialists;
    if (available === undefined || available === this.countsSent.get(lineId)) return;
    this.countsSent.set(lineId, available);
    await this.sendSnapshots(await pass.lines.specialistIds(lineId), pass);
  }

  private async sendSnapshots(userIds: Iterable<string>, pass: Pass): Promise<void> {
    for (const userId of userIds) {
      if (!this.deps.presence.isLive(userId)) continue;
      await this.attempt({ userId }, async () => this.deps.notify.toUser(userId, 'queue:snapshot', await this.snapshotFor(userId, pass)));
    }
  }

  private async attempt(what: Record<string, string>, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.deps.log.error({ err, ...what }, 'publishing queue lists failed');
    }
  }

  private async sendPositions(lineId: string, pass: Pass): Promise<void> {
    const { notify, views } = this.deps;
    const snapshot = await this.lineSnapshot(lineId, pass);
    if (!snapshot || snapshot.waiting.length === 0) return;
    const shared = { line: snapshot.line, waiting: snapshot.waiting, expectedWaitSec: await views.expectedWait(lineId) };
    for (const row of snapshot.waiting) notify.toUser(row.caller_id, 'call:updated', await views.call(row, row.caller_id, shared));
  }

  private async lineSnapshot(lineId: string, pass: Pass): Promise<LineSnapshot | null> {
    const known = pass.perLine.get(lineId);
    if (known !== undefined) return known;
    const line = await pass.lines.get(lineId);
    const waiting = line ? await this.deps.calls.waiting(line.id) : [];
    const snapshot = line && {
      line,
      covered: await this.deps.views.coveredLine(line),
      waiting,
      callers: await Promise.all(waiting.map((row) => this.deps.users.party(row.caller_id))),
    };
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
  /** waiting[i]'s caller. */
  callers: PartyInfo[];
}
