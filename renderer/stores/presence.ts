import { create } from 'zustand';
import type { PresenceReason, PresenceStatus } from '../../signaling/protocol.js';
import { request, RequestError } from '../net/connection.js';

/** The specialist's presence as the server holds it, and why it last changed. */
export interface PresenceState {
  status: PresenceStatus;
  reason: PresenceReason | null;
  message: string | null;
  pending: boolean;
  error: string | null;
  applyServer(status: PresenceStatus, reason: PresenceReason | null, message?: string): void;
  /**
   * session:ready (each connect and reconnect) carries the status but not why it last changed: while
   * the status is unchanged the reason still holds (e.g. away because a call rang unanswered), so it
   * is kept until the specialist chooses again.
   */
  resume(status: PresenceStatus): void;
  choose(status: 'available' | 'away'): Promise<void>;
  reset(): void;
}

export const NOT_RESPONDING_TEXT =
  'You were set to Away because a call rang without an answer. Calls stop ringing an empty desk; go back on call when you are ready.';

export const usePresence = create<PresenceState>()((set) => ({
  status: 'offline',
  reason: null,
  message: null,
  pending: false,
  error: null,
  applyServer: (status, reason, message) => set({ status, reason, message: message ?? null, error: null }),
  resume: (status) => set((s) => (s.status === status ? { error: null } : { status, reason: null, message: null, error: null })),
  async choose(status) {
    set({ pending: true, error: null });
    try {
      const res = await request('presence:set', { status });
      set({ status: res.status, reason: 'chosen', message: null, pending: false });
    } catch (err) {
      const text =
        err instanceof RequestError && err.code === 'wrap_up_required'
          ? 'Record the outcome of your last call before going on call again.'
          : err instanceof Error
            ? err.message
            : String(err);
      set({ pending: false, error: text });
    }
  },
  reset: () => set({ status: 'offline', reason: null, message: null, pending: false, error: null }),
}));
