import type { CallStore } from '../calls/store.js';
import type { PresenceStatus } from '../protocol.js';
import type { PresenceRegistry } from './registry.js';

/**
 * A specialist's presence as everyone sees it: what they chose (available / away), overridden by
 * the call they are in (busy) or wrapping up (wrap_up). The one place presence implied by a call
 * is worked out.
 */
export class Availability {
  constructor(
    private readonly presence: PresenceRegistry,
    private readonly calls: CallStore,
  ) {}

  async status(userId: string): Promise<PresenceStatus> {
    if (!this.presence.isPresent(userId)) return 'offline';
    const activity = await this.calls.specialistActivity(userId);
    if (activity === 'connected') return 'busy';
    if (activity === 'wrap_up') return 'wrap_up';
    return this.presence.chosen(userId) ?? 'away';
  }

  /**
   * Those of these specialists who are offered calls now: chose available, have a connected
   * socket, and are in no call (a line's, asked once for all of them).
   */
  async whoCanTakeCalls(userIds: readonly string[]): Promise<Set<string>> {
    const free = userIds.filter((id) => this.presence.isLive(id) && this.presence.chosen(id) === 'available');
    const busy = await this.calls.busySpecialists(free);
    return new Set(free.filter((id) => !busy.has(id)));
  }
}
