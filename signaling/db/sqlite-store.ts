import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Checkpointer, type CheckpointReport } from './checkpointer.js';
import type { StoreDriver } from './data.js';
import { migrationFiles } from './migrations.js';
import type { Schema } from './schema.js';
import { WalSync, type SyncFile } from './wal-sync.js';

export const DB_FILE = 'oncall.sqlite';
/** How often the checkpoint worker moves the -wal into the main database file. */
export const CHECKPOINT_INTERVAL_MS = 1000;

/** Opens (creating if needed) the data dir's SQLite file with WAL and foreign keys, and migrates it. */
export function openSqlite(
  dataDir: string,
  opts: { syncFile?: SyncFile; onCheckpoint?: (r: CheckpointReport) => void; checkpoints?: boolean } = {},
): { driver: StoreDriver; applied: string[] } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DB_FILE);
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  // WAL + NORMAL: every commit survives a crash of the server process; only a power cut or OS crash
  // can lose the last moments of call-state changes (restart recovery handles calls either way).
  // Writes whose acknowledgement lets someone forget their own copy await durable() (WalSync).
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const applied = migrateSqlite(raw);
  const checkpointer = opts.checkpoints === false ? null : Checkpointer.start(raw, { intervalMs: CHECKPOINT_INTERVAL_MS, onReport: opts.onCheckpoint });
  const wal = new WalSync(file, opts.syncFile);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    applied,
    driver: {
      dialect: 'sqlite',
      db,
      where: file,
      durable: () => wal.flushed(),
      async close() {
        await checkpointer?.stop();
        await db.destroy(); // closes the better-sqlite3 handle
      },
    },
  };
}

/** Applies every migrations/sqlite file not yet recorded in schema_migrations, each in one transaction. */
export function migrateSqlite(raw: Database.Database): string[] {
  raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`);
  const done = new Set(raw.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const applied: string[] = [];
  for (const { name, path } of migrationFiles('sqlite', readdirSync)) {
    if (done.has(name)) continue;
    raw.transaction(() => {
      raw.exec(readFileSync(path, 'utf8'));
      raw.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(name, Date.now());
    })();
    applied.push(name);
  }
  return applied;
}
