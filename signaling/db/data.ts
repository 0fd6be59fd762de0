import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** What a store driver gives the data layer (sqlite-store.ts, postgres-store.ts). */
export interface StoreDriver {
  dialect: Dialect;
  db: Kysely<Schema>;
  /** Resolves once every commit made before the call is on disk. */
  durable(): Promise<void>;
  close(): Promise<void>;
  /** Where the data is, for logs (a file, or a database URL without its password). */
  where: string;
}

interface Scope {
  trx: Kysely<Schema>;
  open: boolean;
}

/**
 * The server's one way to the database, the same on SQLite and PostgreSQL. Queries are Kysely's
 * (typed against schema.ts); `q()` is the current transaction when there is one — carried through
 * the awaits of `transaction()` — else the pool, so a module's queries join whatever transaction
 * called them without threading a handle through every signature.
 */
export class Data {
  readonly dialect: Dialect;
  readonly where: string;
  private readonly scope = new AsyncLocalStorage<Scope>();

  constructor(private readonly driver: StoreDriver) {
    this.dialect = driver.dialect;
    this.where = driver.where;
  }

  q(): Kysely<Schema> {
    const s = this.scope.getStore();
    // A timer or promise started inside a transaction outlives it; once it has ended, the pool.
    return s?.open ? s.trx : this.driver.db;
  }

  inTransaction(): boolean {
    return this.scope.getStore()?.open === true;
  }

  /** Runs `fn` in one transaction (joining the current one when nested); rolled back if it throws. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    return this.driver.db.transaction().execute(async (trx) => {
      const s: Scope = { trx, open: true };
      try {
        return await this.scope.run(s, fn);
      } finally {
        s.open = false;
      }
    });
  }

  /** Resolves once everything committed before the call is on disk (an outcome's acknowledgement waits for it). */
  durable(): Promise<void> {
    return this.driver.durable();
  }

  /** One transaction whose commit is on disk before it returns: rare admin and session changes a power cut must not undo. */
  async durableTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) throw new Error('durableTransaction cannot run inside another transaction');
    const out = await this.transaction(fn);
    await this.durable();
    return out;
  }

  /** The order rows were inserted in (the queue's order): SQLite's rowid, PostgreSQL's seq column. */
  insertionOrder(table?: string): RawBuilder<number> {
    const col = this.dialect === 'sqlite' ? 'rowid' : 'seq';
    return sql.raw<number>(table ? `${table}.${col}` : col);
  }

  /** Which database this is, for names shared with other services (the cluster's Redis stream): database and schema. */
  async identity(): Promise<string> {
    if (this.dialect === 'sqlite') return this.where;
    const { rows } = await sql<{ id: string }>`SELECT current_database() || '.' || current_schema() AS id`.execute(this.driver.db);
    return rows[0]!.id;
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/** `state IN ('a', 'b')` with the states as literals: a partial index is used only for a query that repeats its condition (migration 008). */
export function stateIn(states: readonly string[], table?: string): RawBuilder<boolean> {
  if (!states.every((s) => /^[a-z_]+$/.test(s))) throw new Error(`not a state: ${states.join(', ')}`);
  return sql.raw<boolean>(`${table ? `${table}.` : ''}state IN (${states.map((s) => `'${s}'`).join(', ')})`);
}

/** A write refused by a UNIQUE constraint, on either store. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
