import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Sessions } from '../auth/sessions.js';
import type { Logger } from '../log.js';
import { HandshakeAuth, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from '../protocol.js';
import type { Users } from '../users.js';
import type { Engine } from './engine.js';
import { eventDispatcher, inOrder, refOf } from './handle.js';
import { userRoom } from './notify.js';
import { originAllowed } from './origins.js';

/** Between this project's own server processes (cluster/engine-channel.ts); validated on arrival. */
export interface InterServerEvents {
  'oncall:engine': (request: unknown) => void;
  'oncall:engine-reply': (reply: unknown) => void;
}

export type OnCallIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * socket.io on the same HTTP server; attachIo() then gives it its handshake and handlers.
 * WebSocket only (the clients use nothing else): any server process can take any connection, so
 * a load balancer in front of several needs no sticky sessions.
 */
export function createIo(http: HttpServer, corsOrigins: readonly string[]): OnCallIo {
  return new Server(http, {
    serveClient: false,
    transports: ['websocket'],
    maxHttpBufferSize: 256 * 1024,
    cors: { origin: true, credentials: false },
    allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, req.headers.host, corsOrigins)),
  });
}

export interface IoDeps {
  log: Logger;
  users: Users;
  sessions: Sessions;
  engine: Engine;
}

/** Handshake auth, then every socket's connection, events and disconnection go to the engine in order. */
export function attachIo(io: OnCallIo, deps: IoDeps): void {
  const { log, users, sessions, engine } = deps;
  const sessionExpiry = new WeakMap<Socket, number>();
  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    const checked = async () => {
      const session = auth.success ? await sessions.verify(auth.data.token) : null;
      const user = session ? await users.publicById(session.userId) : null;
      if (!session || !user) return next(new Error('unauthorized'));
      socket.data = { userId: user.id, sessionId: session.sessionId, role: user.role };
      sessionExpiry.set(socket, session.expiresAt);
      next();
    };
    checked().catch((err: unknown) => {
      log.error({ err }, 'socket handshake failed');
      next(new Error('unavailable'));
    });
  });

  const endSession = (socket: Socket) => {
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
  };
  const dispatch = eventDispatcher({ log, engine, sessionActive: (id) => sessions.isActive(id), onSessionEnded: endSession });

  io.on('connection', (socket) => {
    const ref = refOf(socket);
    void socket.join([userRoom(ref.userId), sessionRoom(ref.sessionId)]);
    // The socket's events wait for its setup (handle.ts inOrder), and its disconnection for both.
    void inOrder(socket, () => engine.connected(ref).catch((err: unknown) => log.error({ err, userId: ref.userId }, 'session setup failed')));
    socket.onAny((event: unknown, ...args: unknown[]) => dispatch(socket, event, args));
    // A session that expires while its socket is open ends the socket then: nothing more is pushed to it.
    // (Sessions last SESSION_TTL_MS, well inside setTimeout's 24-day limit.)
    const expiry = setTimeout(() => endSession(socket), Math.max(0, (sessionExpiry.get(socket) ?? 0) - Date.now()));
    expiry.unref();
    socket.on('disconnect', (reason) => {
      clearTimeout(expiry);
      log.debug({ userId: ref.userId, reason }, 'socket disconnected');
      void inOrder(socket, () => engine.disconnected(ref).catch((err: unknown) => log.error({ err, userId: ref.userId }, 'disconnect handling failed')));
    });
  });
}

/** Sign-out: tell that session's sockets and close them (on every server process). */
export function endSessionSockets(io: OnCallIo, sessionId: string, reason: 'signed_out' | 'expired' | 'deactivated'): void {
  io.to(sessionRoom(sessionId)).emit('session:ended', { reason });
  io.in(sessionRoom(sessionId)).disconnectSockets(true);
}
