import type { Socket } from 'socket.io';
import type { CallService } from '../calls/call-service.js';
import type { Dispatcher } from '../calls/dispatcher.js';
import type { OutcomeService } from '../calls/outcome-service.js';
import type { Publisher } from '../calls/publisher.js';
import type { Views } from '../calls/views.js';
import type { Core } from '../core.js';
import { Failure } from '../errors.js';
import type { ClientEventName, Role } from '../protocol.js';
import { handle, type Handler, type HandleOptions } from './handle.js';

export interface Services {
  core: Core;
  views: Views;
  publisher: Publisher;
  dispatcher: Dispatcher;
  callService: CallService;
  outcomeService: OutcomeService;
}

/** Every client→server event and what it does. Each goes through handle(), which validates it. */
export function registerHandlers(socket: Socket, s: Services, opts: HandleOptions): void {
  const { core, views, publisher, dispatcher, callService, outcomeService } = s;
  const role = () => (socket.data as { role: Role }).role;
  const specialistOnly = () => {
    if (role() !== 'specialist') throw new Failure('forbidden', 'Only specialists can do this.');
  };
  const on = <E extends ClientEventName>(event: E, handler: Handler<E>) => handle(socket, event, handler, opts);

  on('presence:set', (actor, p) => {
    specialistOnly();
    dispatcher.setChosen(actor.userId, p.status, 'chosen');
    return { status: publisher.presenceOf(actor.userId) };
  });

  on('directory:list', (actor) => {
    const user = core.users.publicById(actor.userId);
    if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
    const now = core.now();
    return core.lines
      .callableBy(user.organisationId)
      .map((id) => core.lines.get(id))
      .filter((l) => l !== null)
      .map((l) => views.directoryEntry(l, now));
  });

  on('queue:list', (actor) => {
    specialistOnly();
    return publisher.listFor(actor.userId);
  });

  // Their acknowledgement is the call's new view, so the call:updated they cause skips this socket
  // (and so do the ring-stop and presence:changed that view implies: see ServerToClientEvents).
  const replyingWithView = <T>(fn: () => T) => core.notify.asOrigin(socket.id, fn);

  on('call:request', (actor, p) => replyingWithView(() => callService.request(actor, p)));
  on('call:cancel', (actor, p) => replyingWithView(() => callService.cancel(actor, p.callId)));
  on('call:accept', (actor, p) => {
    specialistOnly();
    return replyingWithView(() => callService.accept(actor, p.callId));
  });
  on('call:decline', (actor, p) => {
    specialistOnly();
    return callService.decline(actor, p.callId);
  });
  on('call:hangup', (actor, p) => replyingWithView(() => callService.hangup(actor, p)));
  on('call:get', (actor, p) => callService.get(actor, p.callId));
  on('history:list', (actor, p) => callService.history(actor, p));

  on('call:signal', (actor, p) => {
    const row = core.calls.parties(p.callId);
    const isParty = row && (row.caller_id === actor.userId || row.specialist_id === actor.userId);
    if (!row || !isParty) {
      core.log.warn({ userId: actor.userId, callId: p.callId }, 'signal from a non-party refused');
      throw new Failure('forbidden', 'You are not a party to this call.');
    }
    if (row.state !== 'connected') throw new Failure('invalid_state', `Signals are relayed only in a connected call (call ${row.state}).`);
    const peer = row.caller_id === actor.userId ? row.specialist_id! : row.caller_id;
    core.notify.toUser(peer, 'call:signal', { callId: row.id, data: p.data });
    return { delivered: core.presence.isLive(peer) };
  });

  on('outcome:advice', (actor, p) => {
    specialistOnly();
    return outcomeService.advice(actor, p);
  });
  on('outcome:patient', (actor, p) => outcomeService.patient(actor, p));
}
