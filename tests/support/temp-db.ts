import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Data } from '../../signaling/db/data.js';
import { openData } from '../../signaling/db/open.js';
import { dropSchemaOf, freshSchemaUrl, TEST_STORE } from './test-store.js';

/**
 * A fresh, migrated store for each test of the file (opened before, closed and removed after):
 * a SQLite file in its own temp folder, or on PostgreSQL runs a schema of its own. `t.data` and
 * `t.dir` are the current test's.
 */
export function tempDataForEach(prefix: string, store: 'sqlite' | 'postgres' = TEST_STORE): { readonly data: Data; readonly dir: string } {
  let current: { data: Data; dir: string; databaseUrl?: string } | null = null;
  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const databaseUrl = store === 'postgres' ? await freshSchemaUrl() : undefined;
    current = { dir, databaseUrl, data: (await openData({ dataDir: dir, databaseUrl })).data };
  });
  afterEach(async () => {
    if (current) {
      await current.data.close();
      rmSync(current.dir, { recursive: true, force: true });
      if (current.databaseUrl) await dropSchemaOf(current.databaseUrl);
    }
    current = null;
  });
  const now = () => {
    if (!current) throw new Error('tempDataForEach: used outside a test');
    return current;
  };
  return {
    get data() {
      return now().data;
    },
    get dir() {
      return now().dir;
    },
  };
}
