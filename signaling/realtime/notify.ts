import type { Server } from 'socket.io';
import type { ServerToClientEvents } from '../protocol.js';

export const userRoom = (userId: string) => `user:${userId}`;

/** Delivers server→client events to every socket of a user (or of several). */
export interface Notify {
  toUser<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** The same event to every socket of each of these users, encoded once. */
  toUsers<E extends keyof ServerToClientEvents>(userIds: readonly string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
}

/** Every socket joins its user's room (realtime/io.ts), so a user's every screen hears every event. */
export function createNotify(io: Pick<Server, 'to'>): Notify {
  const toUsers: Notify['toUsers'] = (userIds, event, ...args) => {
    if (userIds.length === 0) return;
    const to = io.to(userIds.length === 1 ? userRoom(userIds[0]!) : userIds.map(userRoom));
    (to.emit as (ev: string, ...a: unknown[]) => boolean)(event, ...args);
  };
  return { toUsers, toUser: (userId, event, ...args) => toUsers([userId], event, ...args) };
}
