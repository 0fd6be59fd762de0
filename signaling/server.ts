import type { AddressInfo } from 'node:net';
import { AuditLog } from './audit.js';
import { forwardedLiveUpdates } from './admin/live-updates.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { Sessions } from './auth/sessions.js';
import { SignIn } from './auth/signin.js';
import type { Clock } from './clock.js';
import { joinCluster } from './cluster/join.js';
import { openData } from './db/open.js';
import { Lines } from './directory/lines.js';
import { buildHttpApp } from './http/app.js';
import { createLogger } from './log.js';
import { DEFAULT_REDIS_URL, SESSION_TTL_MS, type RunningServer, type ServerOptions } from './options.js';
import { PhotoStore } from './photos/photo-store.js';
import { buildEngine } from './realtime/build-engine.js';
import { attachIo, createIo, endSessionSockets } from './realtime/io.js';
import { seedDemo } from './seed/demo.js';
import { Users } from './users.js';

export type { RunningServer, ServerOptions } from './options.js';

export interface StartedServer extends RunningServer {
  /** True when this start seeded the demo organisation into an empty database. */
  seededDemo: boolean;
  /** True when webRoot held a built client and it is served at /. */
  webServed: boolean;
}

/** Opens the store (SQLite file, or PostgreSQL), then serves the HTTP API, the web client and socket.io on one port. */
export async function startServer(opts: ServerOptions): Promise<StartedServer> {
  const log = createLogger(opts.logLevel ?? 'info');
  const host = opts.host ?? '127.0.0.1';
  const timeScale = opts.timeScale ?? 1;
  const { data, applied } = await openData({
    dataDir: opts.dataDir,
    databaseUrl: opts.databaseUrl,
    syncFile: opts.syncFile,
    onCheckpoint: (r) => (r.ok ? log.trace(r, 'WAL checkpoint') : log.error({ error: r.error }, 'WAL checkpoint failed')),
    onPoolError: (err) => log.warn({ err }, 'a PostgreSQL connection was lost; the pool opens another'),
  });
  if (applied.length) log.info({ applied, store: data.where }, 'database migrated');
  const seededDemo = opts.seedDemo ? await seedDemo(data) : false;

  const clock: Clock = { now: Date.now, timeScale };
  const users = new Users(data);
  const lines = new Lines(data);
  const audit = new AuditLog(data);
  const sessions = new Sessions(data, SESSION_TTL_MS);

  const { app, webServed } = await buildHttpApp({
    log,
    signIn: new SignIn(data, users, sessions, audit),
    sessions,
    users,
    audit,
    photos: new PhotoStore(data, lines),
    corsOrigins: opts.corsOrigins ?? [],
    webRoot: opts.webRoot,
    runsEngine: () => cluster?.runsEngine() ?? true,
    async onSignOut(userId, sessionId) {
      endSessionSockets(io, sessionId, 'signed_out');
      await engine.admin({ kind: 'signed_out', userId, sessionId });
    },
  });
  const io = createIo(app.server, opts.corsOrigins ?? []);
  const ice = { stunUrls: opts.stunUrls ?? [], turnUrls: opts.turnUrls ?? [], turnSecret: opts.turnSecret };
  const local = buildEngine({ data, io, log, clock, users, lines, audit, ice });
  // On PostgreSQL, any number of processes serve the same data: one runs the call engine (the
  // lease holder), the others forward to it. The embedded SQLite store has one process, its own engine.
  const cluster = opts.databaseUrl ? await joinCluster(io, { databaseUrl: opts.databaseUrl, redisUrl: opts.redisUrl ?? DEFAULT_REDIS_URL, data }, local.engine, log) : null;
  const engine = cluster?.engine ?? local.engine;

  registerReportRoutes(app, { data, sessions, users });
  registerAdminRoutes(app, { data, sessions, users, lines, audit, live: forwardedLiveUpdates(engine, io) });
  await app.ready();
  attachIo(io, { log, users, sessions, engine });
  if (cluster) await cluster.start();
  else await local.engine.start();

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
        await cluster?.stop();
        io.disconnectSockets(true);
        io.engine.close();
        local.close();
        await app.close();
        await cluster?.closeAdapter();
        await data.close();
      })();
      return closing;
    },
  };
}
