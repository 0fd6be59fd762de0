import { z } from 'zod';
import { Role, type Ack, type ClientEventName } from '../protocol.js';

/** A client's socket as the call engine knows it, whichever server process holds it. */
export const SocketRef = z.object({
  socketId: z.string().min(1).max(100),
  userId: z.string().min(1).max(200),
  sessionId: z.string().min(1).max(200),
  role: Role,
});
export type SocketRef = z.infer<typeof SocketRef>;

/** Admin changes that connected clients must see at once (admin/live-updates.ts). */
export const AdminChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lines_changed'), lineIds: z.array(z.string().max(200)).max(10_000), userIds: z.array(z.string().max(200)).max(10_000) }),
  z.object({
    kind: z.literal('sessions_ended'),
    userId: z.string().max(200),
    sessionIds: z.array(z.string().max(200)).max(10_000),
    reason: z.enum(['deactivated', 'signed_out']),
  }),
  z.object({ kind: z.literal('signed_out'), userId: z.string().max(200), sessionId: z.string().max(200) }),
]);
export type AdminChange = z.infer<typeof AdminChange>;

/**
 * The call engine: calls, queues, presence, offers and their timers. Exactly one process runs it
 * (the embedded server always; in a cluster the holder of the engine lease, cluster/lease.ts);
 * every process's sockets and admin routes reach it through this interface, in process or
 * forwarded (cluster/remote-engine.ts).
 */
export interface Engine {
  /** A socket joined: presence, then session:ready (and a specialist's queue) to that socket. */
  connected(ref: SocketRef): Promise<void>;
  disconnected(ref: SocketRef): Promise<void>;
  /** A client event, already checked for its session by the socket's process; the payload is validated here. */
  event(ref: SocketRef, event: ClientEventName, payload: unknown): Promise<Ack<unknown>>;
  admin(change: AdminChange): Promise<void>;
}
