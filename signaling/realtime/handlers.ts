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
 * the engine (engine.ts), which validates it first.
 */
export function eventHandlers(s: Services): EventHandlers {
  const { clock, log, users, lines, calls, presence, availability, notify, views, publisher, router, callService, outcomeService } = s;
  const specialistOnly = ({ role }: { role: Role }) => {
    if (role !== 'specialist') throw new Failure('forbidden', 'Only specialists can do this.');
  };

  return {
    'presence:set': async ({ actor, role }, p) => {
      specialistOnly({ role });
      await router.setChosen(actor.userId, p.status, 'chosen');
      return { status: await availability.status(actor.userId) };
    },

    'directory:list': async ({ actor }) => {
      const user = await users.publicById(actor.userId);
      if (!user) throw new Failure('unauthorized', 'Your account no longer exists.');
      const now = clock.now();
      const callable = await Promise.all((await lines.callableBy(user.organisationId)).map((id) => lines.get(id)));
      return Promise.all(callable.filter((l) => l !== null).map((l) => views.directoryEntry(l, now)));
    },

    'queue:list': async ({ actor, role }) => {
      specialistOnly({ role });
      return (await publisher.snapshotFor(actor.userId)).items;
    },

    'call:request': ({ actor }, p) => callService.request(actor, p),
    'call:cancel': ({ actor }, p) => callService.cancel(actor, p.callId),
    'call:accept': ({ actor, role }, p) => {
      specialistOnly({ role });
      return callService.accept(actor, p.callId);
    },
    'call:decline': ({ actor, role }, p) => {
      specialistOnly({ role });
      return callService.decline(actor, p.callId);
    },
    'call:hangup': ({ actor }, p) => callService.hangup(actor, p),
    'call:get': ({ actor }, p) => callService.get(actor, p.callId),
    'history:list': ({ actor }, p) => callService.history(actor, p),

    'call:signal': async ({ actor }, p) => {
      const row = await calls.get(p.callId);
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

    'outcome:advice': ({ actor, role }, p) => {
      specialistOnly({ role });
      return outcomeService.advice(actor, p);
    },
    'outcome:patient': ({ actor }, p) => outcomeService.patient(actor, p),
  };
}
