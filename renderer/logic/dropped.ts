import type { CallView } from '../../signaling/protocol.js';

/** "3 min 10 s", "45 s", "1 h 2 min": how long a call lasted, in words. */
export function durationInWords(totalSec: number): string {
  const s = Math.max(0, Math.round(totalSec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s % 60 > 0 ? `${m} min ${s % 60} s` : `${m} min`;
  return `${s} s`;
}

/**
 * What to tell `viewerId` about a call that ended because a party's connection was lost mid-call
 * (past the reconnect grace), or null for any other ending. The call was answered: the specialist
 * still records the advice given; the caller is told the specialist may call back.
 */
export function droppedNotice(view: CallView, viewerId: string): string | null {
  if (view.endReason !== 'caller_lost' && view.endReason !== 'specialist_lost') return null;
  const after = view.answeredAt !== null && view.endedAt !== null ? ` after ${durationInWords((view.endedAt - view.answeredAt) / 1000)}` : '';
  const lostIsViewer = (view.endReason === 'caller_lost' ? view.caller.userId : view.specialist?.userId) === viewerId;
  const forSpecialist = view.specialist?.userId === viewerId;
  const who = lostIsViewer ? 'Your' : `${(view.endReason === 'caller_lost' ? view.caller : view.specialist)?.displayName ?? 'The other party'}’s`;
  const next = forSpecialist
    ? 'Please record the advice you gave.'
    : `${view.specialist?.displayName ?? 'The specialist'} may call you back. If you still need advice now, ask the line again.`;
  return `${who} connection was lost${after}. ${next}`;
}
