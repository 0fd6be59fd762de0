import { beforeEach, expect, it } from 'vitest';
import { CallStore, type CallRow } from '../../../signaling/calls/store.js';
import { transaction, type Db } from '../../../signaling/db/database.js';
import { Lines } from '../../../signaling/directory/lines.js';
import { createLine, createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { tempDatabaseForEach } from '../../support/temp-db.js';

const t = tempDatabaseForEach('oncall-live-calls-');
let db: Db;
let calls: CallStore;
beforeEach(() => {
  db = t.db;
  createOrganisation(db, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  createOrganisation(db, { id: 'org-b', name: 'Practice', kind: 'gp' });
  insertUser(db, { id: 'u-spec', username: 'spec', displayName: 'Dr Spec', role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  insertUser(db, { id: 'u-gp', username: 'gp', displayName: 'Dr GP', role: 'caller', professionalGroup: 'gp', organisationId: 'org-b', passwordHash: 'x' });
  for (const id of ['line-1', 'line-2']) {
    createLine(db, { id, name: id, specialty: id, providerOrgId: 'org-a', callerOrgIds: ['org-b'], specialistIds: ['u-spec'] });
  }
  calls = new CallStore(db);
});

const place = (id: string, lineId = 'line-1', at = 1) =>
  calls.create({ id, request_id: `r-${id}`, line_id: lineId, caller_id: 'u-gp', urgency: 'routine', question: 'q', age_band: 'adult_18_64', care_setting: 'primary_care', photo_id: null, outcome_sets: null, created_at: at });
const ids = (rows: CallRow[]) => rows.map((r) => r.id);
const stored = (id: string) => db.prepare('SELECT state, specialist_id FROM calls WHERE id = ?').get(id);

it('answers a line’s waiting calls and a live call’s row from what it wrote, in the order calls were placed', () => {
  place('c-1');
  place('c-2', 'line-2');
  place('c-3');
  expect(ids(calls.waiting('line-1'))).toEqual(['c-1', 'c-3']);
  calls.transition('c-1', ['queued'], 'ringing', 2, null);
  expect(calls.waiting('line-1').map((r) => [r.id, r.state])).toEqual([['c-1', 'ringing'], ['c-3', 'queued']]);

  const answered = calls.transition('c-1', ['ringing'], 'connected', 3, 'u-spec', { specialist_id: 'u-spec', stamp: { answered_at: 3 } })!;
  expect(calls.get('c-1')).toBe(answered);
  expect(calls.parties('c-1')).toMatchObject({ state: 'connected', caller_id: 'u-gp', specialist_id: 'u-spec' });
  expect(ids(calls.waiting('line-1'))).toEqual(['c-3']);
  expect(ids(calls.waiting('line-2'))).toEqual(['c-2']);
  expect(stored('c-1')).toEqual({ state: 'connected', specialist_id: 'u-spec' });
});

it('lets a finished call go from memory and still reads it from the database', () => {
  place('c-1');
  calls.transition('c-1', ['queued'], 'abandoned', 2, 'u-gp', { stamp: { ended_at: 2 } });
  expect(calls.waiting('line-1')).toEqual([]);
  expect(calls.get('c-1')).toMatchObject({ state: 'abandoned', ended_at: 2 });
  expect(calls.get('nope')).toBeNull();
});

it('reads the live calls again when a transaction that wrote them rolls back, a savepoint inside one too', () => {
  place('c-1');
  expect(() =>
    transaction(db, () => {
      calls.transition('c-1', ['queued'], 'connected', 2, 'u-spec', { specialist_id: 'u-spec' });
      place('c-2');
      throw new Error('audit write failed');
    }),
  ).toThrow('audit write failed');
  expect(calls.get('c-1')).toMatchObject({ state: 'queued', specialist_id: null });
  expect(calls.get('c-2')).toBeNull();
  expect(ids(calls.waiting('line-1'))).toEqual(['c-1']);

  transaction(db, () => {
    calls.transition('c-1', ['queued'], 'ringing', 3, null);
    try {
      transaction(db, () => {
        calls.transition('c-1', ['ringing'], 'connected', 4, 'u-spec', { specialist_id: 'u-spec' });
        throw new Error('inner step failed');
      });
    } catch {
      // the outer transaction goes on without the inner one
    }
  });
  expect(calls.get('c-1')).toMatchObject({ state: 'ringing', specialist_id: null });
  expect(stored('c-1')).toEqual({ state: 'ringing', specialist_id: null });
});

it('starts from the live calls already stored (a restart), and hands out rows nobody can change', () => {
  place('c-1');
  place('c-2', 'line-2');
  calls.transition('c-2', ['queued'], 'connected', 2, 'u-spec', { specialist_id: 'u-spec' });
  const restarted = new CallStore(db);
  expect(ids(restarted.waiting('line-1'))).toEqual(['c-1']);
  expect(restarted.get('c-2')).toMatchObject({ state: 'connected' });
  const row = restarted.get('c-1')!;
  expect(() => Object.assign(row, { state: 'closed' })).toThrow(TypeError);
});

it('after a rollback whose reload fails, lookups fail until the live calls can be read again, never answering from stale memory', () => {
  place('c-1');
  const store = calls as unknown as { liveCalls: { all(): unknown[] } };
  const working = store.liveCalls;
  store.liveCalls = {
    all() {
      throw new Error('disk I/O error');
    },
  };
  expect(() =>
    transaction(db, () => {
      calls.transition('c-1', ['queued'], 'connected', 2, 'u-spec', { specialist_id: 'u-spec' });
      throw new Error('the transaction’s own error');
    }),
  ).toThrow('the transaction’s own error');
  expect(() => calls.waiting('line-1')).toThrow('disk I/O error');
  expect(() => calls.get('c-1')).toThrow('disk I/O error');
  store.liveCalls = working;
  expect(calls.get('c-1')).toMatchObject({ state: 'queued', specialist_id: null });
  expect(ids(calls.waiting('line-1'))).toEqual(['c-1']);
});

it('answers a user’s live call and a specialist’s activity from memory as calls move, and after a rollback', () => {
  place('c-1');
  expect(calls.liveCallOf('u-gp')?.id).toBe('c-1');
  expect(calls.liveCallOf('u-spec')).toBeNull();
  expect(calls.specialistActivity('u-spec')).toBeNull();

  calls.transition('c-1', ['queued'], 'connected', 2, 'u-spec', { specialist_id: 'u-spec' });
  expect(calls.liveCallOf('u-spec')?.id).toBe('c-1');
  expect(calls.specialistActivity('u-spec')).toBe('connected');
  calls.transition('c-1', ['connected'], 'wrap_up', 3, 'u-spec');
  expect(calls.specialistActivity('u-spec')).toBe('wrap_up');

  // The caller may place a new query while the specialist wraps up the last one: the waiting call is theirs to resume.
  place('c-2', 'line-2', 4);
  expect(calls.liveCallOf('u-gp')?.id).toBe('c-2');
  expect(calls.liveCallOf('u-spec')?.id).toBe('c-1');
  expect(() =>
    transaction(db, () => {
      calls.transition('c-2', ['queued'], 'connected', 5, 'u-spec', { specialist_id: 'u-spec' });
      throw new Error('audit write failed');
    }),
  ).toThrow('audit write failed');
  expect(calls.specialistActivity('u-spec')).toBe('wrap_up');
  calls.transition('c-2', ['queued'], 'connected', 6, 'u-spec', { specialist_id: 'u-spec' });
  expect(calls.specialistActivity('u-spec')).toBe('connected');
  expect(calls.liveCallOf('u-spec')?.id).toBe('c-2');

  calls.transition('c-1', ['wrap_up'], 'closed', 7, 'u-spec', { stamp: { closed_at: 7 } });
  calls.transition('c-2', ['connected'], 'failed', 8, null, { stamp: { ended_at: 8 } });
  expect(calls.liveCallOf('u-gp')).toBeNull();
  expect(calls.liveCallOf('u-spec')).toBeNull();
  expect(calls.specialistActivity('u-spec')).toBeNull();
  expect(ids(calls.withStates(['queued', 'ringing', 'connected', 'wrap_up']))).toEqual([]);
});

it('reads live calls from the database through the live-calls index, never by walking the history', () => {
  for (let i = 0; i < 50; i++) {
    place(`old-${i}`);
    calls.transition(`old-${i}`, ['queued'], 'abandoned', 2, 'u-gp');
  }
  // No ANALYZE: the server never runs it, so the plans must not depend on table statistics.
  const planOf = (sql: string, ...params: string[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
  const loadAll = (calls as unknown as { liveCalls: { source: string } }).liveCalls.source;
  const lines = new Lines(db);
  const waitingOn = (lines as unknown as { waitingOn: { source: string } }).waitingOn.source;
  expect(planOf(loadAll)).toContain('USING INDEX calls_live');
  expect(planOf(waitingOn, 'line-1')).toContain('INDEX calls_live');
});
