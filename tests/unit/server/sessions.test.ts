import { beforeEach, expect, it } from 'vitest';
import { Sessions } from '../../../signaling/auth/sessions.js';
import type { Db } from '../../../signaling/db/database.js';
import { createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { openTestDb } from '../../support/db.js';
import { tempDatabaseForEach } from '../../support/temp-db.js';

const HOUR = 3600_000;
const t = tempDatabaseForEach('oncall-sessions-');
let db: Db;
let sessions: Sessions;
beforeEach(() => {
  db = t.db;
  createOrganisation(db, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  insertUser(db, { id: 'u-1', username: 'amy', displayName: 'Dr Amy', role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  sessions = new Sessions(db, 8 * HOUR);
});

/** A second connection: a change the server's own code paths never saw. */
function elsewhere(sql: string, ...params: unknown[]): void {
  const other = openTestDb(t.dir);
  try {
    other.prepare(sql).run(...params);
  } finally {
    other.close();
  }
}

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
