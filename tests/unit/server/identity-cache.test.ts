import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { Sessions } from '../../../signaling/auth/sessions.js';
import { DB_FILE, transaction, type Db } from '../../../signaling/db/database.js';
import { createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { Users } from '../../../signaling/users.js';
import { tempDatabaseForEach } from '../../support/temp-db.js';

const HOUR = 3600_000;
const t = tempDatabaseForEach('oncall-identity-');
let db: Db;
let users: Users;
let sessions: Sessions;
beforeEach(() => {
  db = t.db;
  createOrganisation(db, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  insertUser(db, { id: 'u-1', username: 'amy', displayName: 'Dr Amy', role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  users = new Users(db);
  sessions = new Sessions(db, 8 * HOUR);
});

/** A second connection: a change the server's own code paths never saw. */
function elsewhere(sql: string, ...params: unknown[]): void {
  const other = new Database(join(t.dir, DB_FILE));
  try {
    other.prepare(sql).run(...params);
  } finally {
    other.close();
  }
}

it('shows a user as they are now, whichever connection changed them', () => {
  expect(users.party('u-1')).toMatchObject({ displayName: 'Dr Amy', organisationName: 'Acute Trust' });
  expect(users.party('u-1')).toBe(users.party('u-1')); // kept, not rebuilt
  elsewhere("UPDATE users SET display_name = 'Dr Amy Chen' WHERE id = 'u-1'");
  expect(users.party('u-1').displayName).toBe('Dr Amy Chen');
  elsewhere("UPDATE organisations SET name = 'Acute Trust NHS FT' WHERE id = 'org-a'");
  expect(users.publicById('u-1')?.organisationName).toBe('Acute Trust NHS FT');
  expect(users.publicById('nobody')).toBeNull();
  insertUser(db, { id: 'u-2', username: 'ben', displayName: 'Ben', role: 'caller', professionalGroup: 'gp', organisationId: 'org-a', passwordHash: 'x' });
  expect(users.publicById('u-2')?.displayName).toBe('Ben'); // a miss is not remembered
});

it('never keeps what a transaction that rolled back had changed', () => {
  expect(users.party('u-1').displayName).toBe('Dr Amy');
  expect(() =>
    transaction(db, () => {
      db.prepare("UPDATE users SET display_name = 'Rolled back' WHERE id = 'u-1'").run();
      expect(users.party('u-1').displayName).toBe('Rolled back'); // the transaction sees its own change
      throw new Error('refused');
    }),
  ).toThrow('refused');
  // The next committed change brings the counter to the value the rolled-back one had reached.
  elsewhere("UPDATE users SET display_name = 'Dr Amy Chen' WHERE id = 'u-1'");
  expect(users.party('u-1').displayName).toBe('Dr Amy Chen');
});

it('ends a session when it expires, is revoked here or elsewhere, or its user is deactivated', () => {
  const now = Date.now();
  const a = sessions.create('u-1', now).session;
  const b = sessions.create('u-1', now).session;
  const c = sessions.create('u-1', now).session;
  expect([a, b, c].map((s) => sessions.isActive(s.sessionId, now))).toEqual([true, true, true]);
  expect(sessions.isActive(a.sessionId, now + 9 * HOUR)).toBe(false);

  sessions.revoke(a.sessionId, now);
  expect(sessions.isActive(a.sessionId, now)).toBe(false);
  elsewhere('UPDATE sessions SET revoked_at = ? WHERE id = ?', now, b.sessionId);
  expect(sessions.isActive(b.sessionId, now)).toBe(false);
  expect(sessions.isActive(c.sessionId, now)).toBe(true);
  elsewhere("UPDATE users SET active = 0 WHERE id = 'u-1'");
  expect(sessions.isActive(c.sessionId, now)).toBe(false);
  expect(sessions.isActive('no-such-session', now)).toBe(false);
});

it('sees a user or session replaced outright (INSERT OR REPLACE) by another connection', () => {
  const now = Date.now();
  const { session } = sessions.create('u-1', now);
  expect(sessions.isActive(session.sessionId, now)).toBe(true);
  expect(users.party('u-1').displayName).toBe('Dr Amy');
  elsewhere(
    'INSERT OR REPLACE INTO sessions (id, user_id, token_hash, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
    session.sessionId, 'u-1', 'replaced', now, now + HOUR, now,
  );
  expect(sessions.isActive(session.sessionId, now)).toBe(false);

  const other = sessions.create('u-1', now).session;
  expect(sessions.isActive(other.sessionId, now)).toBe(true);
  elsewhere(
    `INSERT OR REPLACE INTO users (id, username, display_name, role, professional_group, organisation_id, password_hash, active, created_at)
     VALUES ('u-1', 'amy', 'Renamed', 'specialist', 'consultant', 'org-a', 'x', 0, ?)`,
    now,
  );
  expect(users.party('u-1').displayName).toBe('Renamed');
  expect(sessions.isActive(other.sessionId, now)).toBe(false);
});
