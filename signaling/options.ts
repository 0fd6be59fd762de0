import type { SyncFile } from './db/wal-sync.js';

/** What startServer() takes and returns; main.ts builds ServerOptions from the environment. */
export interface ServerOptions {
  /** Folder holding oncall.sqlite (the embedded store); created when missing. */
  dataDir: string;
  /** postgres://… : keep the data in PostgreSQL instead of dataDir's SQLite file (several processes may share it). */
  databaseUrl?: string;
  /** With databaseUrl: the Redis that carries socket.io messages between the server processes. Default DEFAULT_REDIS_URL. */
  redisUrl?: string;
  /** 0 = a random free port. Default 4400. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Folder of the built web client, served at / with an index.html fallback; skipped when missing. */
  webRoot?: string;
  /** Seed the demo organisation when the database has no users. */
  seedDemo?: boolean;
  stunUrls?: string[];
  turnUrls?: string[];
  /** coturn `static-auth-secret`: enables TURN REST credentials. */
  turnSecret?: string;
  /** Extra origins allowed by CORS, besides the server's own and app://oncall. */
  corsOrigins?: string[];
  /** Multiplies every line timer and the reconnect grace period (tests use e.g. 0.02). */
  timeScale?: number;
  /** How files are flushed to disk before an outcome is acknowledged (tests hold it back). Default: fdatasync. */
  syncFile?: SyncFile;
  /** pino level: fatal | error | warn | info | debug | trace | silent. */
  logLevel?: string;
}

export interface RunningServer {
  /** http://HOST:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** The desktop app loads its renderer from this origin. */
export const DESKTOP_ORIGIN = 'app://oncall';
/** How long a specialist's socket may be gone before they are treated as offline (before timeScale). */
export const RECONNECT_GRACE_MS = 15_000;
/** How long a change only in how many colleagues are available may wait before specialists' lists carry it (Publisher). */
export const COUNTS_EVERY_MS = 1000;
/** Session lifetime. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
