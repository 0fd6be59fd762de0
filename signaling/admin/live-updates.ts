import type { Publisher } from '../calls/publisher.js';
import type { CallMachine } from '../calls/machine.js';
import type { Router } from '../calls/router.js';
import type { PresenceRegistry } from '../presence/registry.js';
import { endSessionSockets, type OnCallIo } from '../realtime/io.js';

/** How admin changes reach connected clients without a restart. */
export interface LiveUpdates {
  /** Lines were created or edited; `userIds` are specialists who joined or left them. */
  linesChanged(lineIds: string[], userIds: string[]): void;
  /** A user's sessions were revoked: close their sockets now, and treat them as gone. */
  sessionsEnded(userId: string, sessionIds: string[], reason: 'deactivated' | 'signed_out'): void;
  /** Anything a directory shows changed (organisations, users' names, lines). */
  directoryChanged(): void;
}

export function liveUpdates(deps: { io: OnCallIo; presence: PresenceRegistry; machine: CallMachine; router: Router; publisher: Publisher }): LiveUpdates {
  const { io, presence, machine, router, publisher } = deps;
  const directoryChanged = () => io.emit('directory:changed');
  return {
    linesChanged(lineIds, userIds) {
      // Offers made under the old cover / routing are withdrawn, then every line is routed afresh.
      for (const userId of userIds) machine.withdrawOffersTo(userId, 'moved_on');
      for (const lineId of lineIds) {
        router.route(lineId);
        publisher.lineChanged(lineId);
      }
      for (const userId of userIds) {
        router.routeLinesOf(userId);
        // A line they left is no longer among the lines routed above: their list must lose it too.
        if (presence.isLive(userId)) publisher.sendSnapshot(userId);
      }
      directoryChanged();
    },
    sessionsEnded(userId, sessionIds, reason) {
      for (const id of sessionIds) endSessionSockets(io, id, reason);
      presence.drop(userId); // no reconnect grace: their waiting calls end, their queue offers move on
      directoryChanged();
    },
    directoryChanged,
  };
}
