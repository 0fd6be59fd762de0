import { randomBytes } from 'node:crypto';
import pg from 'pg';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { join } from 'node:path';
import { Data } from '../../signaling/db/data.js';
import { openPostgres } from '../../signaling/db/postgres-store.js';
import type { Schema } from '../../signaling/db/schema.js';
import { DB_FILE } from '../../signaling/db/sqlite-store.js';

/**
 * Which store this test run uses: the vitest project `integration-postgres` sets
 * ONCALL_TEST_STORE=postgres (vitest.config.ts); everything else runs on SQLite files.
 */
export const TEST_STORE: 'sqlite' | 'postgres' = process.env.ONCALL_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
/** The PostgreSQL database tests make their schemas in. */
export const TEST_PG_URL = process.env.ONCALL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Where a test server keeps its data: a SQLite folder, and on PostgreSQL runs its own schema. */
export interface TestStore {
  dataDir: string;
  databaseUrl?: string;
}

/** A URL on TEST_PG_URL whose connections use a new, empty schema: each test server its own database, in effect. */
export async function freshSchemaUrl(): Promise<string> {
  const schema = `oncall_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA ${schema}`);
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function dropSchemaOf(databaseUrl: string): Promise<void> {
  const schema = /search_path=(oncall_t_[0-9a-f]+)/.exec(new URL(databaseUrl).searchParams.get('options') ?? '')?.[1];
  if (schema) await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A second way into a running test server's data, for arranging what the API does not offer and
 * for asserting what is stored: another connection to its SQLite file (WAL allows it), or a pool on
 * its PostgreSQL schema.
 */
export async function openTestData(store: TestStore): Promise<Data> {
  if (store.databaseUrl) return new Data((await openPostgres(store.databaseUrl, { poolSize: 2 })).driver);
  const raw = new Database(join(store.dataDir, DB_FILE));
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: raw }) });
  return new Data({ dialect: 'sqlite', db, where: store.dataDir, durable: () => Promise.resolve(), close: () => db.destroy() });
}

export async function withTestData<T>(store: TestStore, fn: (data: Data) => Promise<T>): Promise<T> {
  const data = await openTestData(store);
  try {
    return await fn(data);
  } finally {
    await data.close();
  }
}
