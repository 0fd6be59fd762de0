import type { Socket } from 'socket.io';
import type { CallService } from '../calls/call-service.js';
import type { OutcomeService } from '../calls/outcome-service.js';
import type { Publisher } from '../calls/publisher.js';
import type { Router } from '../calls/router.js';
import type { CallStore } from '../calls/store.js';
import type { Views } from '../calls/views.js';
import type { Clock } from '../clock.js';
import type { Lines } from '../directory/lines.js';
import { Failure } from '../errors.js';
import type { Logger } from '../log.js';
import type { Availability } from '../presence/availability.js';
import type { PresenceRegistry } from '../presence/registry.js';
import type { Role } from '../protocol.js';
import type { Users } from '../users.js';
import type { EventHandlers } from './handle.js';
import type { Notify } from './notify.js';

export interface Services {
  clock: Clock;
  log: Logger;
  users: Users;
  lines: Lines;
  calls: CallStore;
  presence: PresenceRegistry;
  availability: Availability;
  notify: Notify;
  views: Views;
  publisher: Publisher;
  router: Router;
  callService: CallService;
  outcomeService: OutcomeService;
}

/**
 * Every client→server event and what it does, built once for all sockets. Each is reached through
 * eventDispatcher(), which validates it first.
 */
export function eventHandlers(s: Services): EventHandlers {
  const { clock, log, users, lines, calls, presence, availability, notify, views, publisher, router, callService, outcomeService } = s;
  const specialistOnly = (socket: Socket) => {
    if ((socket.data as { role: Role }).role !== 'specialist') throw new Failure('forbidden', 'Only specialists can do this.');
  };

  return {
    'presence:set': ({ socket, actor }, p) => {
      specialistOnly(socket);
      router.setChosen(actor.userId, p.status, 'chosen');
      return { status: availability.status(actor.userId) };
    },

    'directory:list': ({ actor }) => {
      const user = users.publicById(actor.userId);
      if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
      const now = clock.now();
      return lines
        .callableBy(user.organisationId)
        .map((id) => lines.get(id))
        .filter((l) => l !== null)
        .map((l) => views.directoryEntry(l, now));
    },

    'queue:list': ({ socket, actor }) => {
      specialistOnly(socket);
      return publisher.snapshotFor(actor.userId).items;
    },

    'call:request': ({ actor }, p) => callService.request(actor, p),
    'call:cancel': ({ actor }, p) => callService.cancel(actor, p.callId),
    'call:accept': ({ socket, actor }, p) => {
      specialistOnly(socket);
      return callService.accept(actor, p.callId);
    },
    'call:decline': ({ socket, actor }, p) => {
      specialistOnly(socket);
      return callService.decline(actor, p.callId);
    },
    'call:hangup': ({ actor }, p) => callService.hangup(actor, p),
    'call:get': ({ actor }, p) => callService.get(actor, p.callId),
    'history:list': ({ actor }, p) => callService.history(actor, p),

    'call:signal': ({ actor }, p) => {
      const row = calls.get(p.callId);
      const isParty = row && (row.caller_id === actor.userId || row.specialist_id === actor.userId);
      if (!row || !isParty) {
        log.warn({ userId: actor.userId, callId: p.callId }, 'signal from a non-party refused');
        throw new Failure('forbidden', 'You are not a party to this call.');
      }
      if (row.state !== 'connected') throw new Failure('invalid_state', `Signals are relayed only in a connected call (call ${row.state}).`);
      const peer = row.caller_id === actor.userId ? row.specialist_id! : row.caller_id;
      notify.toUser(peer, 'call:signal', { callId: row.id, data: p.data });
      return { delivered: presence.isLive(peer) };
    },

    'outcome:advice': ({ socket, actor }, p) => {
      specialistOnly(socket);
      return outcomeService.advice(actor, p);
    },
    'outcome:patient': ({ actor }, p) => outcomeService.patient(actor, p),
  };
}
