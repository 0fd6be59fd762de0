import { beforeEach, describe, expect, it } from 'vitest';
import { usePresence } from '../../../renderer/stores/presence.js';

/**
 * session:ready (every connect and reconnect) carries the presence status but not why it last
 * changed: a network blip must not wipe "set to Away because a call rang unanswered".
 */
describe('presence across a reconnect', () => {
  beforeEach(() => usePresence.getState().reset());

  it('keeps the not-responding reason while the server still has the specialist away', () => {
    usePresence.getState().applyServer('away', 'not_responding', 'Set to Away: a call rang 20 s without an answer.');
    usePresence.getState().resume('away');
    expect(usePresence.getState()).toMatchObject({
      status: 'away',
      reason: 'not_responding',
      message: 'Set to Away: a call rang 20 s without an answer.',
    });
  });

  it('drops a reason that no longer explains the status the server reports', () => {
    usePresence.getState().applyServer('away', 'not_responding');
    usePresence.getState().resume('available');
    expect(usePresence.getState()).toMatchObject({ status: 'available', reason: null, message: null });
  });

  it('starts without a reason after a fresh sign-in', () => {
    usePresence.getState().resume('away');
    expect(usePresence.getState()).toMatchObject({ status: 'away', reason: null });
  });
});
