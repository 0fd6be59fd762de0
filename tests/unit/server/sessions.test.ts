import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Sessions } from '../../../signaling/auth/sessions.js';
import type { Data } from '../../../signaling/db/data.js';
import { openData } from '../../../signaling/db/open.js';
import { createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { dropSchemaOf, freshSchemaUrl, TEST_STORE, withTestData, type TestStore } from '../../support/test-store.js';

const HOUR = 3600_000;
// A fresh store per test, kept as a TestStore too so that a second connection can be opened on it.
let store: TestStore;
let data: Data;
let sessions: Sessions;
beforeEach(async () => {
  store = { dataDir: mkdtempSync(join(tmpdir(), 'oncall-sessions-')), ...(TEST_STORE === 'postgres' ? { databaseUrl: await freshSchemaUrl() } : {}) };
  data = (await openData(store)).data;
  await createOrganisation(data, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  await insertUser(data, { id: 'u-1', username: 'amy', displayName: 'Dr Amy', role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  sessions = new Sessions(data, 8 * HOUR);
});
afterEach(async () => {
  await data.close();
  rmSync(store.dataDir, { recursive: true, force: true });
  if (store.databaseUrl) await dropSchemaOf(store.databaseUrl);
});

/** A second connection: a change the server's own code paths never saw. */
function elsewhere(change: (other: Data) => Promise<unknown>): Promise<unknown> {
  return withTestData(store, change);
}

it('ends a session when it expires, is revoked here or elsewhere, or its user is deactivated', async () => {
  const now = Date.now();
  const a = (await sessions.create('u-1', now)).session;
  const b = (await sessions.create('u-1', now)).session;
  const c = (await sessions.create('u-1', now)).session;
  expect(await Promise.all([a, b, c].map((s) => sessions.isActive(s.sessionId, now)))).toEqual([true, true, true]);
  expect(await sessions.isActive(a.sessionId, now + 9 * HOUR)).toBe(false);

  await sessions.revoke(a.sessionId, now);
  expect(await sessions.isActive(a.sessionId, now)).toBe(false);
  await elsewhere((other) => other.q().updateTable('sessions').set({ revoked_at: now }).where('id', '=', b.sessionId).execute());
  expect(await sessions.isActive(b.sessionId, now)).toBe(false);
  expect(await sessions.isActive(c.sessionId, now)).toBe(true);
  await elsewhere((other) => other.q().updateTable('users').set({ active: 0 }).where('id', '=', 'u-1').execute());
  expect(await sessions.isActive(c.sessionId, now)).toBe(false);
  expect(await sessions.isActive('no-such-session', now)).toBe(false);
});
