import type { AddressInfo } from 'node:net';
import { AuditLog } from './audit.js';
import { liveUpdates } from './admin/live-updates.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { Sessions } from './auth/sessions.js';
import { SignIn } from './auth/signin.js';
import { CallService } from './calls/call-service.js';
import { Dispatcher } from './calls/dispatcher.js';
import { Lifecycle } from './calls/lifecycle.js';
import { Offers } from './calls/offers.js';
import { OutcomeService } from './calls/outcome-service.js';
import { OutcomeStore } from './calls/outcome-store.js';
import { Publisher } from './calls/publisher.js';
import { recoverOpenCalls } from './calls/recovery.js';
import { CallStore } from './calls/store.js';
import { Timers } from './calls/timers.js';
import { Views } from './calls/views.js';
import type { Core } from './core.js';
import { Checkpointer } from './db/checkpointer.js';
import { openDatabase } from './db/database.js';
import { WalSync } from './db/wal-sync.js';
import { Lines } from './directory/lines.js';
import { buildHttpApp } from './http/app.js';
import { createLogger } from './log.js';
import { CHECKPOINT_INTERVAL_MS, COUNTS_REFRESH_MS, RECONNECT_GRACE_MS, SESSION_TTL_MS, type RunningServer, type ServerOptions } from './options.js';
import { PhotoStore } from './photos/photo-store.js';
import { PresenceRegistry } from './presence/registry.js';
import { attachIo, createNotify, endSessionSockets, type OnCallIo } from './realtime/io.js';
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

  let io: OnCallIo | null = null;
  let lifecycle: Lifecycle | null = null;
  const users = new Users(db);
  const lines = new Lines(db);
  const audit = new AuditLog(db);
  const sessions = new Sessions(db, SESSION_TTL_MS);
  const core: Core = {
    db,
    disk: new WalSync(db.name, opts.syncFile),
    log,
    now: Date.now,
    timeScale,
    users,
    lines,
    calls: new CallStore(db),
    outcomes: new OutcomeStore(db),
    audit,
    presence: new PresenceRegistry(db, RECONNECT_GRACE_MS * timeScale, (userId) => {
      // Runs from a timer: a failure here must be logged, not thrown out of the process.
      try {
        lifecycle?.userGone(userId);
      } catch (err) {
        log.error({ err, userId }, 'ending the calls of a user gone past the grace period failed');
      }
    }),
    offers: new Offers(),
    timers: new Timers((err, key) => log.error({ err, key }, 'timer handler failed')),
    notify: createNotify(() => io),
  };
  const views = new Views(core);
  const publisher = new Publisher(core, views, opts.countsRefreshMs ?? COUNTS_REFRESH_MS);
  const dispatcher = new Dispatcher(core, views, publisher);
  lifecycle = new Lifecycle(core, dispatcher, publisher);
  const callService = new CallService(core, views, dispatcher, lifecycle, publisher);
  const outcomeService = new OutcomeService(core, dispatcher, publisher);

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
      if (io) endSessionSockets(io, sessionId, 'signed_out');
      if (!core.presence.isLive(userId)) core.presence.drop(userId);
    },
  });
  registerReportRoutes(app, { db, sessions, users });
  registerAdminRoutes(app, { db, sessions, users, lines, audit, live: liveUpdates({ core, dispatcher, publisher, getIo: () => io }) });
  await app.ready();
  io = attachIo(app.server, { core, views, publisher, dispatcher, callService, outcomeService }, {
    corsOrigins: opts.corsOrigins ?? [],
    ice: { stunUrls: opts.stunUrls ?? [], turnUrls: opts.turnUrls ?? [], turnSecret: opts.turnSecret },
    sessions,
  });
  const recovered = recoverOpenCalls(core, lifecycle, dispatcher);
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
        io?.disconnectSockets(true);
        io?.engine.close();
        core.timers.close();
        core.presence.close();
        publisher.close();
        io = null;
        await app.close();
        await checkpointer.stop();
        db.close();
      })();
      return closing;
    },
  };
}
