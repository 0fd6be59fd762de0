import type { AuditLog } from './audit.js';
import type { CallStore } from './calls/store.js';
import type { Offers } from './calls/offers.js';
import type { OutcomeStore } from './calls/outcome-store.js';
import type { Timers } from './calls/timers.js';
import type { Db } from './db/database.js';
import type { WalSync } from './db/wal-sync.js';
import type { Lines } from './directory/lines.js';
import type { Logger } from './log.js';
import type { PresenceRegistry } from './presence/registry.js';
import type { ServerToClientEvents } from './protocol.js';
import type { Users } from './users.js';

/** Delivers server→client events to every socket of a user (or of several). */
export interface Notify {
  toUser<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** The same event to every socket of each of these users, encoded once. */
  toUsers<E extends keyof ServerToClientEvents>(userIds: readonly string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /**
   * Runs `fn` (a database transaction) holding back every event it sends until it returns, so no
   * client hears of a change before it is committed; if `fn` throws, its events are dropped.
   */
  afterCommit<T>(fn: () => T): T;
  /** Called when afterCommit dropped events: whoever remembers what it sent must forget it. */
  onDropped(listener: () => void): void;
  /**
   * Runs `fn`, the handling of a request from this socket whose acknowledgement carries the call's
   * new view: toUserButOrigin then leaves that socket out, as it learns the same from the reply.
   */
  asOrigin<T>(socketId: string, fn: () => T): T;
  /**
   * toUser, leaving out the socket whose request is being handled under asOrigin (if any). Sends
   * nothing, and encodes nothing, when that socket is the user's only one.
   */
  toUserButOrigin<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Whether toUserButOrigin would reach any socket of this user now: if not, its payload need not be built. */
  reachesButOrigin(userId: string): boolean;
}

/** The stores and registries every service shares; built once in server.ts. */
export interface Core {
  db: Db;
  /** Awaited before acknowledging a write the client will then forget (see WalSync). */
  disk: WalSync;
  log: Logger;
  now(): number;
  /** Multiplies line timers (ring time-out, maximum wait) and the reconnect grace period. */
  timeScale: number;
  users: Users;
  lines: Lines;
  calls: CallStore;
  outcomes: OutcomeStore;
  audit: AuditLog;
  presence: PresenceRegistry;
  offers: Offers;
  timers: Timers;
  notify: Notify;
}

/** Who is asking: taken from the authenticated socket or HTTP session, never from a payload. */
export interface Actor {
  userId: string;
  sessionId: string;
}
