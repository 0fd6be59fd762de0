import type Database from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * Values read from SQLite, kept in memory while a counter that triggers bump (a one-row table such
 * as identity_version) has not moved. Only present values are kept: a miss is read again.
 *
 * Inside a transaction the counter may include the transaction's own, uncommitted changes, and the
 * transaction may yet roll back: there the cache is only read (when the counter matches what it
 * was filled at) and never filled or reset.
 */
export class VersionedCache<V> {
  private readonly version: Database.Statement;
  private readonly values = new Map<string, V>();
  private filledAt = -1;

  constructor(
    private readonly db: Db,
    versionTable: string,
  ) {
    this.version = db.prepare(`SELECT n FROM ${versionTable} WHERE id = 1`).pluck();
  }

  get(key: string, load: (key: string) => V | undefined): V | undefined {
    const version = this.version.get() as number;
    if (this.db.inTransaction) return version === this.filledAt ? (this.values.get(key) ?? load(key)) : load(key);
    if (version !== this.filledAt) {
      this.values.clear();
      this.filledAt = version;
    }
    let value = this.values.get(key);
    if (value === undefined) {
      value = load(key);
      if (value !== undefined) this.values.set(key, value);
    }
    return value;
  }
}
