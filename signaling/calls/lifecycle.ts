import type { Core } from '../core.js';
import type { Dispatcher } from './dispatcher.js';
import type { Publisher } from './publisher.js';
import type { CallRow } from './store.js';

const maxWaitKey = (callId: string) => `maxwait:${callId}`;

/** The ways a call ends, shared by client requests, timers, departures and restart recovery. */
export class Lifecycle {
  constructor(
    private readonly core: Core,
    private readonly dispatcher: Dispatcher,
    private readonly publisher: Publisher,
  ) {}

  /** Arms the line's maximum wait for a waiting call (from its creation time; already past → ends now). */
  scheduleMaxWait(row: CallRow): void {
    const line = this.core.lines.get(row.line_id);
    if (!line) return;
    const giveUpAt = row.created_at + line.maxWaitSec * 1000 * this.core.timeScale;
    this.core.timers.set(maxWaitKey(row.id), giveUpAt - this.core.now(), () => {
      this.endWaiting(row.id, 'unanswered', null, 'max_wait');
    });
  }

  /** queued/ringing → abandoned (caller gave up or left) or unanswered (max wait: call-back requested). */
  endWaiting(callId: string, to: 'abandoned' | 'unanswered', actorId: string | null, reason: string): CallRow | null {
    const now = this.core.now();
    const stamp = to === 'unanswered' ? { ended_at: now, callback_requested_at: now } : { ended_at: now };
    const row = this.core.calls.transition(callId, ['queued', 'ringing'], to, now, actorId, { end_reason: reason, stamp }, reason);
    if (!row) return null;
    this.core.timers.clear(maxWaitKey(callId));
    this.dispatcher.withdrawCall(callId, to);
    this.core.log.info({ callId, to, reason }, 'call ended before an answer');
    this.publisher.sendCall(row);
    this.dispatcher.dispatch(row.line_id);
    return row;
  }

  /** The waiting call was accepted: stop its clock and its ringing. */
  answered(row: CallRow, winnerId: string): void {
    this.core.timers.clear(maxWaitKey(row.id));
    this.dispatcher.withdrawCall(row.id, 'taken', winnerId);
    this.dispatcher.withdrawUser(winnerId, 'moved_on');
    this.publisher.sendCall(row);
    this.publisher.sendPresenceButOrigin(winnerId, 'in_call');
    this.dispatcher.dispatchLinesOf(winnerId, row.line_id);
  }

  /** connected → wrap_up (hung up: the specialist records the advice outcome) or failed (media never came up, or a party vanished). */
  endConnected(callId: string, to: 'wrap_up' | 'failed', actorId: string | null, reason: string): CallRow | null {
    const now = this.core.now();
    const row = this.core.calls.transition(callId, ['connected'], to, now, actorId, { end_reason: reason, stamp: { ended_at: now } }, reason);
    if (!row) return null;
    this.core.log.info({ callId, to, reason }, 'call ended');
    this.publisher.sendCall(row);
    if (row.specialist_id) {
      if (to === 'failed') this.core.presence.markIdle(row.specialist_id);
      if (to === 'wrap_up') this.publisher.sendPresenceButOrigin(row.specialist_id, 'wrap_up');
      else this.publisher.sendPresence(row.specialist_id, 'chosen');
      this.dispatcher.dispatchLinesOf(row.specialist_id);
    }
    return row;
  }

  /** A user's grace period ran out: their waiting calls are abandoned, their connected calls failed. */
  userGone(userId: string): void {
    this.core.log.info({ userId }, 'user gone after the grace period');
    this.publisher.forgetSnapshot(userId);
    this.dispatcher.withdrawUser(userId, 'moved_on');
    const live = this.core.calls.withStates(['queued', 'ringing', 'connected']);
    for (const row of live) {
      if (row.caller_id === userId && (row.state === 'queued' || row.state === 'ringing')) {
        this.endWaiting(row.id, 'abandoned', null, 'caller_disconnected');
      } else if (row.state === 'connected' && (row.caller_id === userId || row.specialist_id === userId)) {
        this.endConnected(row.id, 'failed', null, row.caller_id === userId ? 'caller_disconnected' : 'specialist_disconnected');
      }
    }
    this.dispatcher.dispatchLinesOf(userId);
  }
}
