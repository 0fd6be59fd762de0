import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE, type Db } from '../../../signaling/db/database.js';
import { Lines } from '../../../signaling/directory/lines.js';
import { addLineSpecialist, createLine, createOrganisation, insertUser, updateLineRouting } from '../../../signaling/seed/seed-api.js';
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
  lines = new Lines(db);
});

describe('lines held in memory', () => {
  it('sees changes made through any code path or another connection', () => {
    expect(lines.get('line-1')).toMatchObject({ routing: 'ring_all', specialistIds: ['u-1'] });
    expect(lines.callableBy('org-b')).toEqual(['line-1']);

    addLineSpecialist(db, 'line-1', 'u-2');
    expect(lines.specialistIds('line-1')).toEqual(['u-1', 'u-2']);
    expect(lines.coveredBy('u-2')).toEqual(['line-1']);

    const other = new Database(join(t.dir, DB_FILE));
    try {
      updateLineRouting(other, 'line-1', { routing: 'rota_order', ringTimeoutSec: 30 });
      other.prepare('DELETE FROM line_callers WHERE line_id = ?').run('line-1');
      other.prepare('UPDATE organisations SET name = ? WHERE id = ?').run('Acute Trust (renamed)', 'org-a');
    } finally {
      other.close();
    }
    expect(lines.get('line-1')).toMatchObject({ routing: 'rota_order', ringTimeoutSec: 30, callerOrgIds: [], providerOrgName: 'Acute Trust (renamed)' });
    expect(lines.callableBy('org-b')).toEqual([]);
  });

  it('never keeps what a rolled-back transaction wrote, even when a later commit reaches the same version', () => {
    expect(() =>
      db.transaction(() => {
        updateLineRouting(db, 'line-1', { routing: 'longest_idle' });
        expect(lines.get('line-1')!.routing).toBe('longest_idle'); // read inside the transaction
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(lines.get('line-1')!.routing).toBe('ring_all');
    updateLineRouting(db, 'line-1', { ringTimeoutSec: 45 });
    expect(lines.get('line-1')).toMatchObject({ routing: 'ring_all', ringTimeoutSec: 45 });
  });

  it('hands out frozen lines, so no caller can change the shared copy', () => {
    const line = lines.get('line-1')!;
    expect(() => (line.specialistIds as string[]).push('u-2')).toThrow(TypeError);
    expect(() => Object.assign(line, { name: 'x' })).toThrow(TypeError);
    expect(lines.get('line-1')).toMatchObject({ name: 'Cardiology', specialistIds: ['u-1'] });
  });

  it('keeps a switched-off line covered only while calls still wait on it', () => {
    db.prepare('UPDATE lines SET active = 0 WHERE id = ?').run('line-1');
    expect(lines.coveredBy('u-1')).toEqual([]);
    db.prepare(
      `INSERT INTO calls (id, request_id, line_id, caller_id, state, urgency, question, age_band, care_setting, created_at)
       VALUES ('c-1', 'r-1', 'line-1', 'u-2', 'queued', 'soon', 'q', 'adult_18_64', 'primary_care', 1)`,
    ).run();
    expect(lines.coveredBy('u-1')).toEqual(['line-1']);
  });
});
