import type { PresenceReason, RingStopReason } from '../protocol.js';
import type { CallRow } from './store.js';

/**
 * What happened, as the call machine and the router tell the publisher once it is committed. The
 * publisher alone turns these into socket messages (publisher.ts).
 */
export type DomainEvent =
  /** The call's row changed: both parties see it again, and its line's lists are sent anew. */
  | { type: 'placed' | 'answered' | 'requeued' | 'ended' | 'outcome_recorded' | 'restarted'; call: CallRow }
  /** The call starts ringing for these specialists. */
  | { type: 'rang'; call: CallRow; userIds: readonly string[] }
  /** The call stops ringing for these specialists. */
  | { type: 'ring_stopped'; call: CallRow; userIds: readonly string[]; reason: RingStopReason }
  /** A specialist's presence changed (by their choice, or implied by a call). */
  | { type: 'presence_changed'; userId: string; reason: PresenceReason; message?: string };
