import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Actor } from '../actor.js';
import { Failure } from '../errors.js';
import type { Logger } from '../log.js';
import { clientEventSchemas, type Ack, type ClientEventName, type Role } from '../protocol.js';
import type { Engine, SocketRef } from './engine.js';

export type Parsed<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;
/** What a handler gets: the authenticated actor and their role. */
export interface EventContext {
  actor: Actor;
  role: Role;
}
export type Handler<E extends ClientEventName> = (ctx: EventContext, payload: Parsed<E>) => unknown;
/** One handler for every client→server event of the protocol. */
export type EventHandlers = { [E in ClientEventName]: Handler<E> };

export interface HandleOptions {
  log: Logger;
  engine: Engine;
  /** Checked before every event: a revoked or expired session gets `unauthorized` and changes nothing. */
  sessionActive(sessionId: string): Promise<boolean>;
  onSessionEnded(socket: Socket): void;
}

export type Dispatch = (socket: Socket, event: unknown, args: unknown[]) => void;

const tails = new WeakMap<Socket, Promise<void>>();

/**
 * Runs `fn` after everything queued before it for this socket has finished: a socket's events
 * are handled one at a time in the order they came (a call's offer is relayed before its ICE
 * candidates; nothing runs before the connection's own setup has).
 */
export function inOrder(socket: Socket, fn: () => Promise<void>): Promise<void> {
  const tail = (tails.get(socket) ?? Promise.resolve()).then(fn).catch(() => undefined);
  tails.set(socket, tail);
  return tail;
}

export const refOf = (socket: Socket): SocketRef => {
  const { userId, sessionId, role } = socket.data as SocketRef;
  return { socketId: socket.id, userId, sessionId, role };
};

/**
 * The one path every client event goes through on the socket's own process (one function for all
 * sockets, called from each socket's onAny). The event must be one of the protocol's, with one
 * payload and an acknowledgement, from a live session; the engine validates the payload, runs the
 * handler and answers. A missing ack callback → ignored and logged. Unknown event → `bad_request`.
 * Nothing a client sends can throw out of here.
 */
export function eventDispatcher(opts: HandleOptions): Dispatch {
  return (socket, event, args) => void inOrder(socket, () => handleOne(socket, event, args));

  async function handleOne(socket: Socket, event: unknown, args: unknown[]): Promise<void> {
    // Packets read in one batch with the one that closed the socket (a session that ended) are dropped.
    if (!socket.connected) return;
    const ack = args[args.length - 1];
    const ref = refOf(socket);
    if (typeof ack !== 'function') {
      opts.log.warn({ event: String(event).slice(0, 80), userId: ref.userId, socketId: socket.id }, 'event without an acknowledgement callback ignored');
      return;
    }
    const reply = (res: Ack<unknown>) => {
      try {
        (ack as (r: Ack<unknown>) => void)(res);
      } catch (err) {
        opts.log.error({ err, userId: ref.userId }, 'acknowledgement failed');
      }
    };
    const fail = (f: Failure) => reply({ ok: false, error: f.toProtocol() });
    try {
      if (!isClientEvent(event)) return fail(new Failure('bad_request', `Unknown event ${JSON.stringify(String(event)).slice(0, 80)}.`));
      if (args.length !== 2) return fail(new Failure('bad_request', `${event} takes exactly one payload and an acknowledgement.`));
      if (!(await opts.sessionActive(ref.sessionId))) {
        fail(new Failure('unauthorized', 'Your session has ended. Sign in again.'));
        return opts.onSessionEnded(socket);
      }
      reply(await opts.engine.event(ref, event, args[0]));
    } catch (err) {
      opts.log.error({ err, userId: ref.userId }, 'event handling crashed');
      fail(new Failure('internal', 'Something went wrong on the server. Please try again.'));
    }
  }
}

export function isClientEvent(event: unknown): event is ClientEventName {
  return typeof event === 'string' && Object.hasOwn(clientEventSchemas, event);
}
