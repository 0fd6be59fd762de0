import type { LiveUpdates } from '../admin/live-updates.js';
import type { Operations } from '../calls/operations.js';
import { Failure, zodIssues } from '../errors.js';
import { iceServersFor, type IceConfig } from '../ice.js';
import { clientEventSchemas, type Ack, type ClientEventName, type SessionReady } from '../protocol.js';
import type { AdminChange, Engine, SocketRef } from './engine.js';
import type { EventHandlers, Handler, Parsed } from './handle.js';
import { eventHandlers, type Services } from './handlers.js';
import type { OnCallIo } from './io.js';

export interface LocalEngineDeps extends Services {
  io: OnCallIo;
  operations: Operations;
  ice: IceConfig;
  live: LiveUpdates;
  /** After a restart or a takeover: the open calls the last engine left (calls/recovery.ts). */
  recover(): Promise<unknown>;
  /** Drops what the engine keeps in memory (offers, timers, presence) when another process takes over. */
  forget(): void;
}

/** The call engine in this process (engine.ts). Each event, connection and admin change is one Operation. */
export class LocalEngine implements Engine {
  private readonly handlers: EventHandlers;

  constructor(private readonly deps: LocalEngineDeps) {
    this.handlers = eventHandlers(deps);
  }

  /**
   * Starts serving: every socket already connected to any process is present again (none at a
   * first start), then the calls the last engine left open are recovered.
   */
  async start(): Promise<void> {
    const { io, presence, recover, operations } = this.deps;
    const sockets = await everySocket(io);
    // One operation: the queue lists and callers' places go out once, when it is all done.
    await operations.run(async () => {
      for (const socket of sockets) {
        const { userId, sessionId } = socket.data;
        if (userId) await presence.attach(userId, sessionId, socket.id);
      }
      await recover();
    });
  }

  /** Another process holds the engine now: nothing here may act on calls any more. */
  stop(): void {
    this.deps.forget();
  }

  connected(ref: SocketRef): Promise<void> {
    return this.deps.operations.run(() => this.ready(ref));
  }

  disconnected(ref: SocketRef): Promise<void> {
    const { operations, presence, publisher } = this.deps;
    return operations.run(async () => {
      presence.detach(ref.userId, ref.socketId);
      if (ref.role === 'specialist') await publisher.availabilityChanged(ref.userId);
    });
  }

  event(ref: SocketRef, event: ClientEventName, payload: unknown): Promise<Ack<unknown>> {
    const { operations, log } = this.deps;
    return operations.run(async (): Promise<Ack<unknown>> => {
      const parsed = clientEventSchemas[event].safeParse(payload);
      if (!parsed.success) {
        log.info({ event, userId: ref.userId, issues: parsed.error.issues.slice(0, 5) }, 'bad payload refused');
        return { ok: false, error: new Failure('bad_request', `Invalid ${event} payload.`, zodIssues(parsed.error.issues)).toProtocol() };
      }
      try {
        const handler = this.handlers[event] as Handler<ClientEventName>;
        const data = await handler({ actor: { userId: ref.userId, sessionId: ref.sessionId }, role: ref.role }, parsed.data as Parsed<ClientEventName>);
        return { ok: true, data };
      } catch (err) {
        if (err instanceof Failure) {
          log.debug({ event, code: err.code }, err.message);
          return { ok: false, error: err.toProtocol() };
        }
        log.error({ err, event, userId: ref.userId }, 'handler crashed');
        return { ok: false, error: { code: 'internal', message: 'Something went wrong on the server. Please try again.' } };
      }
    });
  }

  admin(change: AdminChange): Promise<void> {
    const { operations, live, presence } = this.deps;
    return operations.run(async () => {
      if (change.kind === 'lines_changed') await live.linesChanged(change.lineIds, change.userIds);
      else if (change.kind === 'sessions_ended') await live.sessionsEnded(change.userId, change.sessionIds, change.reason);
      else if (!presence.isLive(change.userId)) await presence.drop(change.userId);
    });
  }

  /** Presence, then session:ready (and a specialist's queue) to that socket, then routing. */
  private async ready(ref: SocketRef): Promise<void> {
    const { io, presence, users, calls, publisher, availability, views, router, clock, ice } = this.deps;
    const { userId, sessionId, role, socketId } = ref;
    await presence.attach(userId, sessionId, socketId);
    const user = await users.publicById(userId);
    if (!user) return;
    const live = await calls.liveCallOf(userId);
    // Specialists: the lines they cover come with their queue, built once for both messages.
    const snapshot = role === 'specialist' ? await publisher.snapshotFor(userId) : null;
    const ready: SessionReady = {
      user,
      presence: role === 'specialist' ? await availability.status(userId) : 'available',
      iceServers: iceServersFor(ice, userId, clock.now()),
      coveredLines: snapshot?.lines ?? [],
      activeCall: live ? await views.call(live, userId) : null,
      serverTime: clock.now(),
    };
    io.to(socketId).emit('session:ready', ready);
    if (snapshot) {
      io.to(socketId).emit('queue:snapshot', snapshot);
      await router.routeLinesOf(userId); // they may be available again after a blip
      await publisher.availabilityChanged(userId);
    }
  }
}

/**
 * Every socket of every server process. A process killed a moment ago is still counted until the
 * adapter's heartbeat misses it (cluster/adapter.ts: 1.5 s), and a request waiting on it fails: ask again.
 */
async function everySocket(io: OnCallIo) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await io.timeout(1000).fetchSockets();
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}
