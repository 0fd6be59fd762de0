import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Sessions } from '../auth/sessions.js';
import type { Notify } from '../core.js';
import { iceServersFor, type IceConfig } from '../ice.js';
import { HandshakeAuth, type ClientToServerEvents, type ServerToClientEvents, type SessionReady, type SocketData } from '../protocol.js';
import { eventDispatcher } from './handle.js';
import { eventHandlers, type Services } from './handlers.js';
import { originAllowed } from './origins.js';

export type OnCallIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export function createNotify(getIo: () => OnCallIo | null): Notify {
  // Several users at once: socket.io encodes the packet once and writes it to each of their sockets.
  const send = (userIds: readonly string[], event: string, args: unknown[], exceptSocket: string | null) => {
    const io = getIo();
    if (!io || userIds.length === 0) return;
    const to = io.to(userIds.length === 1 ? userRoom(userIds[0]!) : userIds.map(userRoom));
    ((exceptSocket ? to.except(exceptSocket) : to).emit as (ev: string, ...a: unknown[]) => boolean)(event, ...args);
  };
  let held: [readonly string[], string, unknown[], string | null][] | null = null;
  let origin: string | null = null;
  const dropped: (() => void)[] = [];
  const queue = (userIds: readonly string[], event: string, args: unknown[], exceptSocket: string | null) => {
    if (held) held.push([userIds, event, args, exceptSocket]);
    else send(userIds, event, args, exceptSocket);
  };
  const toUsers: Notify['toUsers'] = (userIds, event, ...args) => queue(userIds, event, args, null);
  // socket.io encodes a packet before it looks for the room's sockets: a request's own socket,
  // often its user's only one, would cost an encoding for nobody.
  const reachesButOrigin = (userId: string) => {
    const room = getIo()?.sockets.adapter.rooms.get(userRoom(userId));
    return room !== undefined && (origin === null || room.size > 1 || !room.has(origin));
  };
  return {
    toUsers,
    toUser: (userId, event, ...args) => toUsers([userId], event, ...args),
    toUserButOrigin: (userId, event, ...args) => {
      if (reachesButOrigin(userId)) queue([userId], event, args, origin);
    },
    reachesButOrigin,
    asOrigin(socketId, fn) {
      const outer = origin;
      origin = socketId;
      try {
        return fn();
      } finally {
        origin = outer;
      }
    },
    afterCommit(fn) {
      if (held) return fn(); // nested: the outermost one sends
      held = [];
      let out: ReturnType<typeof fn>;
      try {
        out = fn();
      } catch (err) {
        held = null;
        for (const listener of dropped) listener();
        throw err;
      }
      const events = held;
      held = null;
      for (const [userIds, event, args, exceptSocket] of events) send(userIds, event, args, exceptSocket);
      return out;
    },
    onDropped(listener) {
      dropped.push(listener);
    },
  };
}

export interface IoOptions {
  corsOrigins: string[];
  ice: IceConfig;
  sessions: Sessions;
}

/** socket.io on the same HTTP server: handshake auth, session:ready, presence, every event handler. */
export function attachIo(http: HttpServer, services: Services, opts: IoOptions): OnCallIo {
  const { core, publisher, views } = services;
  const io: OnCallIo = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    cors: { origin: true, credentials: false },
    allowRequest: (req, cb) => cb(null, originAllowed(req.headers.origin, req.headers.host, opts.corsOrigins)),
  });

  const sessionExpiry = new WeakMap<Socket, number>();
  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    const session = auth.success ? opts.sessions.verify(auth.data.token) : null;
    const user = session ? core.users.publicById(session.userId) : null;
    if (!session || !user) return next(new Error('unauthorized'));
    socket.data = { userId: user.id, sessionId: session.sessionId, role: user.role };
    sessionExpiry.set(socket, session.expiresAt);
    next();
  });

  const endSession = (socket: Socket) => {
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
  };
  const dispatch = eventDispatcher(eventHandlers(services), { log: core.log, sessionActive: (id) => opts.sessions.isActive(id), onSessionEnded: endSession });

  io.on('connection', (socket) => {
    const { userId, sessionId, role } = socket.data;
    void socket.join([userRoom(userId), sessionRoom(sessionId)]);
    core.presence.attach(userId, sessionId, socket.id);
    socket.onAny((event: unknown, ...args: unknown[]) => dispatch(socket, event, args));
    // A session that expires while its socket is open ends the socket then: nothing more is pushed to it.
    // (Sessions last SESSION_TTL_MS, well inside setTimeout's 24-day limit.)
    const expiry = setTimeout(() => endSession(socket), Math.max(0, (sessionExpiry.get(socket) ?? 0) - Date.now()));
    expiry.unref();
    socket.on('disconnect', (reason) => {
      clearTimeout(expiry);
      core.log.debug({ userId, reason }, 'socket disconnected');
      core.presence.detach(userId, socket.id);
    });

    const user = core.users.publicById(userId)!;
    const live = core.calls.liveCallOf(userId);
    const coveredLines = core.lines
      .coveredBy(userId)
      .map((id) => core.lines.get(id))
      .filter((l) => l !== null)
      .map((l) => views.coveredLine(l));
    const ready: SessionReady = {
      user,
      presence: role === 'specialist' ? publisher.presenceOf(userId) : 'available',
      iceServers: iceServersFor(opts.ice, userId, core.now()),
      coveredLines,
      activeCall: live ? views.call(live, userId) : null,
      serverTime: core.now(),
    };
    socket.emit('session:ready', ready);
    publisher.forgetCallerViews(userId); // this socket holds only session:ready's view: re-send the next one
    if (role === 'specialist') {
      publisher.forgetSnapshot(userId);
      socket.emit('queue:snapshot', publisher.snapshotFor(userId));
      services.dispatcher.dispatchLinesOf(userId); // they may be available again after a blip
    }
  });
  return io;
}

/** Sign-out: tell that session's sockets and close them. */
export function endSessionSockets(io: OnCallIo, sessionId: string, reason: 'signed_out' | 'expired' | 'deactivated'): void {
  io.to(sessionRoom(sessionId)).emit('session:ended', { reason });
  io.in(sessionRoom(sessionId)).disconnectSockets(true);
}
