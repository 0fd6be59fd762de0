import type { AddressInfo } from 'node:net';
import { AuditLog } from './audit.js';
import { liveUpdates } from './admin/live-updates.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { Sessions } from './auth/sessions.js';
import { SignIn } from './auth/signin.js';
import { CallService } from './calls/call-service.js';
import { CallMachine } from './calls/machine.js';
import { Offers } from './calls/offers.js';
import { OutcomeService } from './calls/outcome-service.js';
import { OutcomeStore } from './calls/outcome-store.js';
import { Publisher } from './calls/publisher.js';
import { recoverOpenCalls } from './calls/recovery.js';
import { Router } from './calls/router.js';
import { CallStore } from './calls/store.js';
import { Timers } from './calls/timers.js';
import { Views } from './calls/views.js';
import type { Clock } from './clock.js';
import { Checkpointer } from './db/checkpointer.js';
import { openDatabase } from './db/database.js';
import { WalSync } from './db/wal-sync.js';
import { Lines } from './directory/lines.js';
import { buildHttpApp } from './http/app.js';
import { createLogger } from './log.js';
import { CHECKPOINT_INTERVAL_MS, COUNTS_EVERY_MS, RECONNECT_GRACE_MS, SESSION_TTL_MS, type RunningServer, type ServerOptions } from './options.js';
import { PhotoStore } from './photos/photo-store.js';
import { Availability } from './presence/availability.js';
import { PresenceRegistry } from './presence/registry.js';
import { attachIo, createIo, endSessionSockets } from './realtime/io.js';
import { createNotify } from './realtime/notify.js';
import { seedDemo } from './seed/demo.js';
import { Users } from './users.js';

export type { RunningServer, ServerOptions } from './options.js';

export interface StartedServer extends RunningServer {
  /** True when this start seeded the demo organisation into an empty database. */
  seededDemo: boolean;
  /** True when webRoot held a built client and it is served at /. */
  webServed: boolean;
}

/** Opens the database, then serves the HTTP API, the web client and socket.io on one port. */
export async function startServer(opts: ServerOptions): Promise<StartedServer> {
  const log = createLogger(opts.logLevel ?? 'info');
  const host = opts.host ?? '127.0.0.1';
  const timeScale = opts.timeScale ?? 1;
  const { db, applied } = openDatabase(opts.dataDir);
  if (applied.length) log.info({ applied }, 'database migrated');
  const checkpointer = Checkpointer.start(db, {
    intervalMs: CHECKPOINT_INTERVAL_MS,
    onReport: (r) => (r.ok ? log.trace(r, 'WAL checkpoint') : log.error({ error: r.error }, 'WAL checkpoint failed')),
  });
  const seededDemo = opts.seedDemo ? await seedDemo(db) : false;

  const clock: Clock = { now: Date.now, timeScale };
  const users = new Users(db);
  const lines = new Lines(db);
  const audit = new AuditLog(db);
  const sessions = new Sessions(db, SESSION_TTL_MS);
  const calls = new CallStore(db);
  const outcomes = new OutcomeStore(db);
  const timers = new Timers((err, key) => log.error({ err, key }, 'timer handler failed'));
  const offers = new Offers(timers);
  const presence = new PresenceRegistry(db, RECONNECT_GRACE_MS * timeScale);
  const availability = new Availability(presence, calls);

  const { app, webServed } = await buildHttpApp({
    log,
    signIn: new SignIn(db, users, sessions, audit),
    sessions,
    users,
    audit,
    photos: new PhotoStore(db, lines),
    corsOrigins: opts.corsOrigins ?? [],
    webRoot: opts.webRoot,
    onSignOut(userId, sessionId) {
      endSessionSockets(io, sessionId, 'signed_out');
      if (!presence.isLive(userId)) presence.drop(userId);
    },
  });
  const io = createIo(app.server, opts.corsOrigins ?? []);
  const notify = createNotify(io);
  const views = new Views({ clock, lines, users, calls, offers, outcomes, availability });
  const publisher = new Publisher({ notify, views, lines, calls, users, presence, availability, log, countsEveryMs: COUNTS_EVERY_MS });
  const machine = new CallMachine({ db, clock, log, lines, calls, offers, timers, presence, audit, publisher });
  const router = new Router({ clock, log, lines, calls, offers, presence, availability, machine, publisher });
  const callService = new CallService({ db, clock, log, users, lines, calls, timers, views, machine, router });
  const outcomeService = new OutcomeService({ clock, disk: new WalSync(db.name, opts.syncFile), lines, calls, outcomes, audit, machine, router });
  presence.onGone((userId) => {
    // Runs from a timer: a failure here must be logged, not thrown out of the process.
    try {
      callService.userGone(userId);
    } catch (err) {
      log.error({ err, userId }, 'ending the calls of a user gone past the grace period failed');
    }
  });

  registerReportRoutes(app, { db, sessions, users });
  registerAdminRoutes(app, { db, sessions, users, lines, audit, live: liveUpdates({ io, presence, machine, router, publisher }) });
  await app.ready();
  attachIo(
    io,
    { clock, log, users, lines, calls, presence, availability, notify, views, publisher, router, callService, outcomeService },
    { ice: { stunUrls: opts.stunUrls ?? [], turnUrls: opts.turnUrls ?? [], turnSecret: opts.turnSecret }, sessions },
  );
  const recovered = recoverOpenCalls({ calls, lines, presence, machine, router, callService });
  if (recovered.resumed || recovered.expected) log.info(recovered, 'open calls recovered after restart');

  await app.listen({ port: opts.port ?? 4400, host });
  const port = (app.server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  log.info({ url, dataDir: opts.dataDir, webServed }, 'OnCall signaling server listening');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    seededDemo,
    webServed,
    close() {
      closing ??= (async () => {
        io.disconnectSockets(true);
        io.engine.close();
        timers.close();
        presence.close();
        publisher.close();
        await app.close();
        await checkpointer.stop();
        db.close();
      })();
      return closing;
    },
  };
}
