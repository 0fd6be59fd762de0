import type { Socket } from 'socket.io';
import type { CallService } from '../calls/call-service.js';
import type { Dispatcher } from '../calls/dispatcher.js';
import type { OutcomeService } from '../calls/outcome-service.js';
import type { Publisher } from '../calls/publisher.js';
import type { Views } from '../calls/views.js';
import type { Core } from '../core.js';
import { Failure } from '../errors.js';
import type { Role } from '../protocol.js';
import type { EventHandlers } from './handle.js';

export interface Services {
  core: Core;
  views: Views;
  publisher: Publisher;
  dispatcher: Dispatcher;
  callService: CallService;
  outcomeService: OutcomeService;
}

/**
 * Every client→server event and what it does, built once for all sockets. Each is reached through
 * eventDispatcher(), which validates it first.
 */
export function eventHandlers(s: Services): EventHandlers {
  const { core, views, publisher, dispatcher, callService, outcomeService } = s;
  const specialistOnly = (socket: Socket) => {
    if ((socket.data as { role: Role }).role !== 'specialist') throw new Failure('forbidden', 'Only specialists can do this.');
  };
  // Their acknowledgement is the call's new view, so the call:updated they cause skips this socket
  // (and so do the ring-stop and presence:changed that view implies: see ServerToClientEvents).
  const replyingWithView = <T>(socket: Socket, fn: () => T) => core.notify.asOrigin(socket.id, fn);

  return {
    'presence:set': ({ socket, actor }, p) => {
      specialistOnly(socket);
      dispatcher.setChosen(actor.userId, p.status, 'chosen');
      return { status: publisher.presenceOf(actor.userId) };
    },

    'directory:list': ({ actor }) => {
      const user = core.users.publicById(actor.userId);
      if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
      const now = core.now();
      return core.lines
        .callableBy(user.organisationId)
        .map((id) => core.lines.get(id))
        .filter((l) => l !== null)
        .map((l) => views.directoryEntry(l, now));
    },

    'queue:list': ({ socket, actor }) => {
      specialistOnly(socket);
      return publisher.listFor(actor.userId);
    },

    'call:request': ({ socket, actor }, p) => replyingWithView(socket, () => callService.request(actor, p)),
    'call:cancel': ({ socket, actor }, p) => replyingWithView(socket, () => callService.cancel(actor, p.callId)),
    'call:accept': ({ socket, actor }, p) => {
      specialistOnly(socket);
      return replyingWithView(socket, () => callService.accept(actor, p.callId));
    },
    'call:decline': ({ socket, actor }, p) => {
      specialistOnly(socket);
      return callService.decline(actor, p.callId);
    },
    'call:hangup': ({ socket, actor }, p) => replyingWithView(socket, () => callService.hangup(actor, p)),
    'call:get': ({ actor }, p) => callService.get(actor, p.callId),
    'history:list': ({ actor }, p) => callService.history(actor, p),

    'call:signal': ({ actor }, p) => {
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
    },

    'outcome:advice': ({ socket, actor }, p) => {
      specialistOnly(socket);
      return outcomeService.advice(actor, p);
    },
    'outcome:patient': ({ actor }, p) => outcomeService.patient(actor, p),
  };
}
