import Database from 'better-sqlite3';
import { join } from 'node:path';
import { hashPassword } from '../../signaling/auth/passwords.js';
import { DB_FILE, type Db } from '../../signaling/db/database.js';
import { DEMO_PASSWORD } from '../../signaling/seed/demo.js';
import { addLineSpecialist, insertUser, updateLineRouting } from '../../signaling/seed/seed-api.js';

/**
 * A second connection to a running test server's SQLite file (WAL allows it), for arranging data
 * the HTTP API does not offer (extra specialists, routing changes) and for asserting what is stored.
 */
export function openTestDb(dataDir: string): Db {
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}

export async function withTestDb<T>(dataDir: string, fn: (db: Db) => T | Promise<T>): Promise<T> {
  const db = openTestDb(dataDir);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** Creates `count` specialists (password oncall-demo) covering `lineId`; returns their usernames. */
export async function addSpecialists(dataDir: string, lineId: string, count: number, prefix = 'extra'): Promise<string[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return withTestDb(dataDir, (db) =>
    db.transaction(() => {
      const names: string[] = [];
      for (let i = 1; i <= count; i++) {
        const username = `${prefix}.${i}`;
        const id = `u-${prefix}-${i}`;
        insertUser(db, { id, username, displayName: `Dr ${prefix} ${i}`, role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-acute', passwordHash: hash });
        addLineSpecialist(db, lineId, id);
        names.push(username);
      }
      return names;
    })(),
  );
}

export function setLineRouting(dataDir: string, lineId: string, patch: Parameters<typeof updateLineRouting>[2]): Promise<void> {
  return withTestDb(dataDir, (db) => updateLineRouting(db, lineId, patch));
}
