import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Actor } from '../actor.js';
import { Failure, zodIssues } from '../errors.js';
import type { Logger } from '../log.js';
import { clientEventSchemas, type Ack, type ClientEventName } from '../protocol.js';

export type Parsed<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;
/** What a handler gets: the socket the event came on and its authenticated actor. */
export interface EventContext {
  socket: Socket;
  actor: Actor;
}
export type Handler<E extends ClientEventName> = (ctx: EventContext, payload: Parsed<E>) => unknown;
/** One handler for every client→server event of the protocol. */
export type EventHandlers = { [E in ClientEventName]: Handler<E> };

export interface HandleOptions {
  log: Logger;
  /** Checked before every event: a revoked or expired session gets `unauthorized` and changes nothing. */
  sessionActive(sessionId: string): boolean;
  onSessionEnded(socket: Socket): void;
}

export type Dispatch = (socket: Socket, event: unknown, args: unknown[]) => void;

/**
 * The one path every client event goes through (one function for all sockets, called from each
 * socket's onAny: no per-socket closure per event). The event must be one of the protocol's, the
 * payload is validated with its schema, the handler runs with the socket's authenticated actor, and
 * the outcome is acknowledged. A missing ack callback → ignored and logged. Unknown event or bad
 * payload → `bad_request`. A Failure → its code. Anything else → logged, `internal`. Nothing a
 * client sends can throw out of here.
 */
export function eventDispatcher(handlers: EventHandlers, opts: HandleOptions): Dispatch {
  return (socket, event, args) => {
    // Packets read in one batch with the one that closed the socket (a session that ended) are dropped.
    if (!socket.connected) return;
    const ack = args[args.length - 1];
    const { userId, sessionId } = socket.data as Actor;
    // Made only when something is logged: most events log nothing, and a child logger costs.
    let child: Logger | null = null;
    const log = () => (child ??= opts.log.child({ event: String(event).slice(0, 80), userId, socketId: socket.id }));
    if (typeof ack !== 'function') {
      log().warn('event without an acknowledgement callback ignored');
      return;
    }
    const reply = (res: Ack<unknown>) => {
      try {
        (ack as (r: Ack<unknown>) => void)(res);
      } catch (err) {
        log().error({ err }, 'acknowledgement failed');
      }
    };
    const fail = (f: Failure) => reply({ ok: false, error: f.toProtocol() });
    try {
      if (!isClientEvent(event)) throw new Failure('bad_request', `Unknown event ${JSON.stringify(String(event)).slice(0, 80)}.`);
      if (args.length !== 2) throw new Failure('bad_request', `${event} takes exactly one payload and an acknowledgement.`);
      if (!opts.sessionActive(sessionId)) {
        fail(new Failure('unauthorized', 'Your session has ended. Sign in again.'));
        opts.onSessionEnded(socket);
        return;
      }
      const parsed = clientEventSchemas[event].safeParse(args[0]);
      if (!parsed.success) {
        log().info({ issues: parsed.error.issues.slice(0, 5) }, 'bad payload refused');
        throw new Failure('bad_request', `Invalid ${event} payload.`, zodIssues(parsed.error.issues));
      }
      const result = (handlers[event] as Handler<ClientEventName>)({ socket, actor: { userId, sessionId } }, parsed.data as Parsed<ClientEventName>);
      if (result instanceof Promise) {
        result.then(
          (data) => reply({ ok: true, data }),
          (err: unknown) => fail(toFailure(err, log())),
        );
      } else {
        reply({ ok: true, data: result });
      }
    } catch (err) {
      fail(toFailure(err, log()));
    }
  };
}

function isClientEvent(event: unknown): event is ClientEventName {
  return typeof event === 'string' && Object.hasOwn(clientEventSchemas, event);
}

function toFailure(err: unknown, log: Logger): Failure {
  if (err instanceof Failure) {
    log.debug({ code: err.code }, err.message);
    return err;
  }
  log.error({ err }, 'handler crashed');
  return new Failure('internal', 'Something went wrong on the server. Please try again.');
}
