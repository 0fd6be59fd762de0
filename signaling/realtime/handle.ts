import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Actor } from '../core.js';
import { Failure, zodIssues } from '../errors.js';
import type { Logger } from '../log.js';
import { clientEventSchemas, type Ack, type ClientEventName } from '../protocol.js';

export type Parsed<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;
export type Handler<E extends ClientEventName> = (actor: Actor, payload: Parsed<E>) => unknown;

export interface HandleOptions {
  log: Logger;
  /** Checked before every event: a revoked or expired session gets `unauthorized` and changes nothing. */
  sessionActive(sessionId: string): boolean;
  onSessionEnded(socket: Socket): void;
}

/**
 * The one wrapper every client event goes through: the payload is validated with the protocol's
 * schema, the handler runs with the socket's authenticated actor, and the outcome is acknowledged.
 * A missing ack callback → ignored and logged. Bad payload → `bad_request`. A Failure → its code.
 * Anything else → logged, `internal`. Nothing a client sends can throw out of here.
 */
export function handle<E extends ClientEventName>(socket: Socket, event: E, handler: Handler<E>, opts: HandleOptions): void {
  const schema = clientEventSchemas[event];
  (socket.on as (ev: string, fn: (...args: unknown[]) => void) => Socket).call(socket, event, (...args: unknown[]) => {
    const ack = args[args.length - 1];
    const { userId, sessionId } = socket.data as Actor;
    // Made only when something is logged: most events log nothing, and a child logger costs.
    let child: Logger | null = null;
    const log = () => (child ??= opts.log.child({ event, userId, socketId: socket.id }));
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
      if (args.length !== 2) throw new Failure('bad_request', `${event} takes exactly one payload and an acknowledgement.`);
      if (!opts.sessionActive(sessionId)) {
        fail(new Failure('unauthorized', 'Your session has ended. Sign in again.'));
        opts.onSessionEnded(socket);
        return;
      }
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        log().info({ issues: parsed.error.issues.slice(0, 5) }, 'bad payload refused');
        throw new Failure('bad_request', `Invalid ${event} payload.`, zodIssues(parsed.error.issues));
      }
      const result = handler({ userId, sessionId }, parsed.data as Parsed<E>);
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
  });
}

function toFailure(err: unknown, log: Logger): Failure {
  if (err instanceof Failure) {
    log.debug({ code: err.code }, err.message);
    return err;
  }
  log.error({ err }, 'handler crashed');
  return new Failure('internal', 'Something went wrong on the server. Please try again.');
}
