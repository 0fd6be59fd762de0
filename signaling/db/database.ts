import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

export const DB_FILE = 'oncall.sqlite';
const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Opens (creating if needed) the data dir's SQLite file with WAL and foreign keys, and migrates it. */
export function openDatabase(dataDir: string): { db: Db; applied: string[] } {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: every commit survives a crash of the server process; only a power cut or OS crash
  // can lose the last moments of call-state changes (restart recovery handles calls either way).
  // Outcomes, whose acknowledgement lets the client forget its own copy, are acknowledged after
  // WalSync.flushed(); rare admin and session writes use durableTransaction().
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const applied = migrate(db);
  return { db, applied };
}

/** Runs `fn` in one transaction (a savepoint when nested in another); rolled back if it throws. */
export function transaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn)();
}

/**
 * One transaction whose commit is synced to disk before it returns (synchronous=FULL for this
 * commit only, the event loop waiting for the disk): admin and session changes, rare, which a power
 * cut must not silently undo. The busy path (outcomes) uses WalSync instead. Not for nesting inside another.
 */
export function durableTransaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) throw new Error('durableTransaction cannot run inside another transaction');
  db.pragma('synchronous = FULL');
  try {
    return transaction(db, fn);
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

/** Applies every migrations/NNN_*.sql not yet recorded in schema_migrations, each in one transaction. */
export function migrate(db: Db): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`);
  const done = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    transaction(db, () => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(file, Date.now());
    });
    applied.push(file);
  }
  return applied;
}
