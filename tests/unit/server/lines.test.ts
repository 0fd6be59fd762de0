import { beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../signaling/db/database.js';
import { Lines } from '../../../signaling/directory/lines.js';
import { addLineSpecialist, createLine, createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { tempDatabaseForEach } from '../../support/temp-db.js';

const t = tempDatabaseForEach('oncall-lines-');
let db: Db;
let lines: Lines;
beforeEach(() => {
  db = t.db;
  createOrganisation(db, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  createOrganisation(db, { id: 'org-b', name: 'Practice', kind: 'gp' });
  for (const id of ['u-1', 'u-2']) {
    insertUser(db, { id, username: id, displayName: id, role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  }
  createLine(db, { id: 'line-1', name: 'Cardiology', specialty: 'cardiology', providerOrgId: 'org-a', callerOrgIds: ['org-b'], specialistIds: ['u-1'] });
  createLine(db, { id: 'line-2', name: 'Acute Medicine', specialty: 'acute', providerOrgId: 'org-a', callerOrgIds: [], specialistIds: ['u-1'] });
  lines = new Lines(db);
});

it('reads lines as they are now: cover, callers and the list in name order', () => {
  expect(lines.list().map((l) => l.id)).toEqual(['line-2', 'line-1']);
  expect(lines.get('line-1')).toMatchObject({ name: 'Cardiology', callerOrgIds: ['org-b'], specialistIds: ['u-1'], active: true });
  expect(lines.coveredBy('u-1')).toEqual(['line-2', 'line-1']);
  expect(lines.callableBy('org-b')).toEqual(['line-1']);
  expect([lines.canCall('org-b', 'line-1'), lines.canCall('org-b', 'line-2'), lines.canCall('org-a', 'line-2')]).toEqual([true, false, true]);
  addLineSpecialist(db, 'line-1', 'u-2');
  expect(lines.specialistIds('line-1')).toEqual(['u-1', 'u-2']);
  expect(lines.get('no-such-line')).toBeNull();
});

it('keeps a switched-off line covered only while calls still wait on it', () => {
  db.prepare('UPDATE lines SET active = 0 WHERE id = ?').run('line-1');
  expect(lines.coveredBy('u-1')).toEqual(['line-2']);
  expect(lines.callableBy('org-b')).toEqual([]);
  insertUser(db, { id: 'u-gp', username: 'gp', displayName: 'GP', role: 'caller', professionalGroup: 'gp', organisationId: 'org-b', passwordHash: 'x' });
  db.prepare(
    `INSERT INTO calls (id, request_id, line_id, caller_id, state, urgency, question, age_band, care_setting, created_at)
     VALUES ('c-1', 'r-1', 'line-1', 'u-gp', 'queued', 'soon', 'q', 'adult_18_64', 'primary_care', 1)`,
  ).run();
  expect(lines.coveredBy('u-1')).toEqual(['line-2', 'line-1']);
});

it('a view reads each line once for its pass', () => {
  const view = lines.view();
  const first = view.get('line-1');
  db.prepare("UPDATE lines SET name = 'Renamed' WHERE id = 'line-1'").run();
  expect(view.get('line-1')).toBe(first);
  expect(lines.get('line-1')?.name).toBe('Renamed');
});
