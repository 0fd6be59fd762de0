import type { Dispatcher } from '../calls/dispatcher.js';
import type { Publisher } from '../calls/publisher.js';
import type { Core } from '../core.js';
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

export function liveUpdates(deps: { core: Core; dispatcher: Dispatcher; publisher: Publisher; getIo: () => OnCallIo | null }): LiveUpdates {
  const { core, dispatcher, publisher } = deps;
  const directoryChanged = () => deps.getIo()?.emit('directory:changed');
  return {
    linesChanged(lineIds, userIds) {
      // Offers made under the old cover / routing are withdrawn, then every line is routed afresh.
      for (const userId of userIds) dispatcher.withdrawUser(userId, 'moved_on');
      for (const lineId of lineIds) dispatcher.dispatch(lineId);
      for (const userId of userIds) {
        dispatcher.dispatchLinesOf(userId);
        if (core.presence.isLive(userId)) publisher.sendSnapshot(userId);
      }
      directoryChanged();
    },
    sessionsEnded(userId, sessionIds, reason) {
      const io = deps.getIo();
      if (io) for (const id of sessionIds) endSessionSockets(io, id, reason);
      core.presence.drop(userId); // no reconnect grace: their waiting calls end, their queue offers move on
      directoryChanged();
    },
    directoryChanged,
  };
}
