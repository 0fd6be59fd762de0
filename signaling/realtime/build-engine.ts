import type { AuditLog } from '../audit.js';
import { liveUpdates } from '../admin/live-updates.js';
import { CallService } from '../calls/call-service.js';
import { CallMachine } from '../calls/machine.js';
import { Offers } from '../calls/offers.js';
import { Operations } from '../calls/operations.js';
import { OutcomeService } from '../calls/outcome-service.js';
import { OutcomeStore } from '../calls/outcome-store.js';
import { Publisher } from '../calls/publisher.js';
import { recoverOpenCalls } from '../calls/recovery.js';
import { Router } from '../calls/router.js';
import { CallStore } from '../calls/store.js';
import { Timers } from '../calls/timers.js';
import { Views } from '../calls/views.js';
import type { Clock } from '../clock.js';
import type { Data } from '../db/data.js';
import type { Lines } from '../directory/lines.js';
import type { IceConfig } from '../ice.js';
import type { Logger } from '../log.js';
import { COUNTS_EVERY_MS, RECONNECT_GRACE_MS } from '../options.js';
import { Availability } from '../presence/availability.js';
import { PresenceRegistry } from '../presence/registry.js';
import type { Users } from '../users.js';
import type { OnCallIo } from './io.js';
import { LocalEngine } from './local-engine.js';
import { createNotify } from './notify.js';

export interface EngineParts {
  data: Data;
  io: OnCallIo;
  log: Logger;
  clock: Clock;
  users: Users;
  lines: Lines;
  audit: AuditLog;
  ice: IceConfig;
}

/** The call engine of this process, built from its parts; started by the server (or when this process takes the lease). */
export function buildEngine(p: EngineParts): { engine: LocalEngine; close(): void } {
  const { data, io, log, clock, users, lines, audit, ice } = p;
  const calls = new CallStore(data);
  const outcomes = new OutcomeStore(data);
  const operations = new Operations();
  const timers = new Timers((err, key) => log.error({ err, key }, 'timer handler failed'), operations);
  const offers = new Offers(timers);
  const presence = new PresenceRegistry(data, RECONNECT_GRACE_MS * clock.timeScale);
  const availability = new Availability(presence, calls);
  const notify = createNotify(io);
  const views = new Views({ clock, lines, users, calls, offers, outcomes, availability });
  const publisher = new Publisher({ notify, views, lines, calls, users, presence, availability, log, countsEveryMs: COUNTS_EVERY_MS, operations });
  const machine = new CallMachine({ data, clock, log, lines, calls, offers, timers, presence, audit, publisher });
  const router = new Router({ clock, log, lines, calls, offers, presence, availability, machine, publisher });
  const callService = new CallService({ data, clock, log, users, lines, calls, timers, views, machine, router });
  const outcomeService = new OutcomeService({ clock, data, lines, calls, outcomes, audit, machine, router });
  presence.onGone((userId) =>
    // Runs from a timer: a failure here must be logged, not thrown out of the process.
    operations.run(() => callService.userGone(userId)).catch((err: unknown) => log.error({ err, userId }, 'ending the calls of a user gone past the grace period failed')),
  );
  const forget = () => {
    timers.reset();
    offers.reset();
    presence.close();
    publisher.reset();
  };
  const engine = new LocalEngine({
    clock,
    log,
    users,
    lines,
    calls,
    presence,
    availability,
    notify,
    views,
    publisher,
    router,
    callService,
    outcomeService,
    io,
    operations,
    ice,
    live: liveUpdates({ io, presence, machine, router, publisher }),
    async recover() {
      const recovered = await recoverOpenCalls({ calls, lines, presence, machine, router, callService });
      if (recovered.resumed || recovered.expected) log.info(recovered, 'open calls recovered');
    },
    forget,
  });
  return {
    engine,
    close() {
      timers.close();
      presence.close();
      publisher.close();
    },
  };
}
