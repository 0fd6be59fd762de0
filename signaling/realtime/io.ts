import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Sessions } from '../auth/sessions.js';
import { iceServersFor, type IceConfig } from '../ice.js';
import { HandshakeAuth, type ClientToServerEvents, type ServerToClientEvents, type SessionReady, type SocketData } from '../protocol.js';
import { eventDispatcher } from './handle.js';
import { eventHandlers, type Services } from './handlers.js';
import { userRoom } from './notify.js';
import { originAllowed } from './origins.js';

export type OnCallIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** socket.io on the same HTTP server; attachIo() then gives it its handshake and handlers. */
export function createIo(http: HttpServer, corsOrigins: readonly string[]): OnCallIo {
  return new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    cors: { origin: true, credentials: false },
    allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, req.headers.host, corsOrigins)),
  });
}

export interface IoOptions {
  ice: IceConfig;
  sessions: Sessions;
}

/** Handshake auth, session:ready, presence, every event handler. */
export function attachIo(io: OnCallIo, services: Services, opts: IoOptions): void {
  const { clock, log, users, calls, presence, availability, publisher, views, router } = services;

  const sessionExpiry = new WeakMap<Socket, number>();
  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    const session = auth.success ? opts.sessions.verify(auth.data.token) : null;
    const user = session ? users.publicById(session.userId) : null;
    if (!session || !user) return next(new Error('unauthorized'));
    socket.data = { userId: user.id, sessionId: session.sessionId, role: user.role };
    sessionExpiry.set(socket, session.expiresAt);
    next();
  });

  const endSession = (socket: Socket) => {
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
  };
  const dispatch = eventDispatcher(eventHandlers(services), { log, sessionActive: (id) => opts.sessions.isActive(id), onSessionEnded: endSession });

  io.on('connection', (socket) => {
    const { userId, sessionId, role } = socket.data;
    void socket.join([userRoom(userId), sessionRoom(sessionId)]);
    presence.attach(userId, sessionId, socket.id);
    socket.onAny((event: unknown, ...args: unknown[]) => dispatch(socket, event, args));
    // A session that expires while its socket is open ends the socket then: nothing more is pushed to it.
    // (Sessions last SESSION_TTL_MS, well inside setTimeout's 24-day limit.)
    const expiry = setTimeout(() => endSession(socket), Math.max(0, (sessionExpiry.get(socket) ?? 0) - Date.now()));
    expiry.unref();
    socket.on('disconnect', (reason) => {
      clearTimeout(expiry);
      log.debug({ userId, reason }, 'socket disconnected');
      presence.detach(userId, socket.id);
      if (role === 'specialist') publisher.availabilityChanged(userId);
    });

    const user = users.publicById(userId)!;
    const live = calls.liveCallOf(userId);
    // Specialists: the lines they cover come with their queue, built once for both messages.
    const snapshot = role === 'specialist' ? publisher.snapshotFor(userId) : null;
    const ready: SessionReady = {
      user,
      presence: role === 'specialist' ? availability.status(userId) : 'available',
      iceServers: iceServersFor(opts.ice, userId, clock.now()),
      coveredLines: snapshot?.lines ?? [],
      activeCall: live ? views.call(live, userId) : null,
      serverTime: clock.now(),
    };
    socket.emit('session:ready', ready);
    if (snapshot) {
      socket.emit('queue:snapshot', snapshot);
      router.routeLinesOf(userId); // they may be available again after a blip
      publisher.availabilityChanged(userId);
    }
  });
}

/** Sign-out: tell that session's sockets and close them. */
export function endSessionSockets(io: OnCallIo, sessionId: string, reason: 'signed_out' | 'expired' | 'deactivated'): void {
  io.to(sessionRoom(sessionId)).emit('session:ended', { reason });
  io.in(sessionRoom(sessionId)).disconnectSockets(true);
}
