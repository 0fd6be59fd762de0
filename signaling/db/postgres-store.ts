import { Kysely, PostgresDialect } from 'kysely';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { StoreDriver } from './data.js';
import { migrationFiles } from './migrations.js';
import type { Schema } from './schema.js';

// BIGINT (times in ms, COUNT) and NUMERIC (SUM, AVG) come back as strings from pg by default; every
// value this server stores in them is a safe integer, and reports want numbers, as SQLite gives.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** Same lock for every OnCall process on the database: they may start together, one migrates. */
const MIGRATION_LOCK = 4_400_001;

/** `postgres://user:***@host/db` for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/**
 * A pool on ONCALL_DATABASE_URL, migrated. A commit is on disk when PostgreSQL acknowledges it
 * (synchronous_commit on, its default), so durable() has nothing left to wait for.
 */
export async function openPostgres(url: string, opts: { poolSize?: number; onError?: (err: Error) => void } = {}): Promise<{ driver: StoreDriver; applied: string[] }> {
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (PostgreSQL restarted) must not crash the process; the pool replaces it.
  pool.on('error', (err) => opts.onError?.(err));
  let applied: string[];
  try {
    applied = await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    applied,
    driver: { dialect: 'postgres', db, where: redactUrl(url), durable: () => Promise.resolve(), close: () => db.destroy() },
  };
}

/** Applies every migrations/postgres file not yet recorded, each in one transaction, under an advisory lock. */
export async function migratePostgres(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    const applied: string[] = [];
    for (const { name, path } of migrationFiles('postgres', readdirSync)) {
      if (done.has(name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(path, 'utf8'));
        await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [name, Date.now()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
