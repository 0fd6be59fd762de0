import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Db } from '../../signaling/db/database.js';

/**
 * A fresh, migrated SQLite file in its own temp folder for each test of the file (opened before,
 * closed and removed after): `t.db` and `t.dir` are the current test's.
 */
export function tempDatabaseForEach(prefix: string): { readonly db: Db; readonly dir: string } {
  let current: { db: Db; dir: string } | null = null;
  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    current = { dir, db: openDatabase(dir).db };
  });
  afterEach(() => {
    if (current?.db.open) current.db.close();
    if (current) rmSync(current.dir, { recursive: true, force: true });
    current = null;
  });
  const now = () => {
    if (!current) throw new Error('tempDatabaseForEach: used outside a test');
    return current;
  };
  return {
    get db() {
      return now().db;
    },
    get dir() {
      return now().dir;
    },
  };
}
