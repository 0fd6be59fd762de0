import type { Publisher } from '../calls/publisher.js';
import type { CallMachine } from '../calls/machine.js';
import type { Router } from '../calls/router.js';
import type { PresenceRegistry } from '../presence/registry.js';
import type { Engine } from '../realtime/engine.js';
import { endSessionSockets, type OnCallIo } from '../realtime/io.js';

/** How admin changes reach connected clients without a restart. */
export interface LiveUpdates {
  /** Lines were created or edited; `userIds` are specialists who joined or left them. */
  linesChanged(lineIds: string[], userIds: string[]): Promise<void>;
  /** A user's sessions were revoked: close their sockets now, and treat them as gone. */
  sessionsEnded(userId: string, sessionIds: string[], reason: 'deactivated' | 'signed_out'): Promise<void>;
  /** Anything a directory shows changed (organisations, users' names, lines). */
  directoryChanged(): void;
}

export function liveUpdates(deps: { io: OnCallIo; presence: PresenceRegistry; machine: CallMachine; router: Router; publisher: Publisher }): LiveUpdates {
  const { io, presence, machine, router, publisher } = deps;
  const directoryChanged = () => io.emit('directory:changed');
  return {
    async linesChanged(lineIds, userIds) {
      // Offers made under the old cover / routing are withdrawn, then every line is routed afresh.
      for (const userId of userIds) await machine.withdrawOffersTo(userId, 'moved_on');
      for (const lineId of lineIds) {
        await router.route(lineId);
        await publisher.lineChanged(lineId);
      }
      for (const userId of userIds) {
        await router.routeLinesOf(userId);
        // A line they left is no longer among the lines routed above: their list must lose it too.
        if (await presence.isLive(userId)) await publisher.sendSnapshot(userId);
      }
      directoryChanged();
    },
    async sessionsEnded(userId, sessionIds, reason) {
      for (const id of sessionIds) endSessionSockets(io, id, reason);
      await presence.drop(userId); // no reconnect grace: their waiting calls end, their queue offers move on
      directoryChanged();
    },
    directoryChanged,
  };
}

/** Admin routes on any server process: the change goes to the call engine, wherever it runs. */
export function forwardedLiveUpdates(engine: Engine, io: OnCallIo): LiveUpdates {
  return {
    linesChanged: (lineIds, userIds) => engine.admin({ kind: 'lines_changed', lineIds, userIds }),
    sessionsEnded: (userId, sessionIds, reason) => engine.admin({ kind: 'sessions_ended', userId, sessionIds, reason }),
    directoryChanged: () => void io.emit('directory:changed'),
  };
}
