import type { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from './data.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** A dialect's migrations/<dialect>/NNN_*.sql files, in the order they apply. */
export function migrationFiles(dialect: Dialect, readdir: typeof readdirSync): { name: string; path: string }[] {
  const dir = join(MIGRATIONS_DIR, dialect);
  return readdir(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, path: join(dir, name) }));
}
