import { readFileSync } from 'node:fs';
import { beforeEach, expect, it } from 'vitest';
import { CallStore } from '../../../signaling/calls/store.js';
import { CALL_EVENTS, CALL_TRANSITIONS, describeTransitions, nextState, stateDiagram, type CallEvent } from '../../../signaling/calls/transitions.js';
import type { Db } from '../../../signaling/db/database.js';
import { CallState, TERMINAL_CALL_STATES } from '../../../signaling/protocol.js';
import { createLine, createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { tempDatabaseForEach } from '../../support/temp-db.js';

const t = tempDatabaseForEach('oncall-transitions-');
let db: Db;
let calls: CallStore;
beforeEach(() => {
  db = t.db;
  createOrganisation(db, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  createOrganisation(db, { id: 'org-b', name: 'Practice', kind: 'gp' });
  insertUser(db, { id: 'u-spec', username: 'spec', displayName: 'Dr Spec', role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  insertUser(db, { id: 'u-gp', username: 'gp', displayName: 'Dr GP', role: 'caller', professionalGroup: 'gp', organisationId: 'org-b', passwordHash: 'x' });
  createLine(db, { id: 'line-1', name: 'Line', specialty: 'Cardiology', providerOrgId: 'org-a', callerOrgIds: ['org-b'], specialistIds: ['u-spec'] });
  calls = new CallStore(db);
});

let n = 0;
/** A stored call put straight into `state` (as if earlier moves had brought it there). */
function callIn(state: CallState, createdAt = 1): string {
  const id = `c${++n}`;
  calls.create({ id, request_id: `r-${id}`, line_id: 'line-1', caller_id: 'u-gp', urgency: 'routine', question: 'q', age_band: 'adult_18_64', care_setting: 'primary_care', photo_id: null, outcome_sets: null, created_at: createdAt });
  db.prepare('UPDATE calls SET state = ?, specialist_id = ? WHERE id = ?').run(state, state === 'queued' || state === 'ringing' ? null : 'u-spec', id);
  return id;
}
const stateOf = (id: string) => db.prepare('SELECT state FROM calls WHERE id = ?').pluck().get(id);
const eventCount = (id: string) => db.prepare('SELECT COUNT(*) FROM call_events WHERE call_id = ?').pluck().get(id) as number;

it('prints the transition table: every event, its moves and what it emits', () => {
  const table = describeTransitions();
  console.log(`\nCall transitions\n${table}\n`);
  expect(table.split('\n')).toHaveLength(CALL_EVENTS.reduce((sum, e) => sum + Object.keys(CALL_TRANSITIONS[e].moves).length, 0));
  expect(table).toContain('accept: ringing → connected [answered, ring_stopped]');
  expect(table).toContain('hang_up: connected → wrap_up [ended]');
  // Only `request` makes a call; no event leads out of a finished call.
  for (const event of CALL_EVENTS) {
    const froms = Object.keys(CALL_TRANSITIONS[event].moves);
    expect(froms.includes('new')).toBe(event === 'request');
    for (const finished of TERMINAL_CALL_STATES) expect(nextState(event, finished)).toBeNull();
  }
});

it('docs/architecture.md shows the state diagram drawn from the table, and a row for every event', () => {
  const doc = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
  expect(doc).toContain(stateDiagram());
  for (const event of CALL_EVENTS) expect(doc).toContain(`| \`${event}\` |`);
});

const stored: CallState[] = CallState.options;
const moves = CALL_EVENTS.filter((e) => e !== 'request').flatMap((event) => stored.map((from) => ({ event, from, to: nextState(event, from) })));

it.each(moves.filter((m) => m.to !== null))('$event moves a $from call to $to and logs it', ({ event, from, to }) => {
  const id = callIn(from);
  const before = eventCount(id);
  const row = calls.move(id, event, 1000, 'u-spec', {}, 'why');
  expect(row?.state).toBe(to);
  expect(stateOf(id)).toBe(to);
  expect(eventCount(id)).toBe(before + 1);
  expect(db.prepare('SELECT state, at, actor_id, detail FROM call_events WHERE call_id = ? ORDER BY seq DESC LIMIT 1').get(id)).toEqual({ state: to, at: 1000, actor_id: 'u-spec', detail: 'why' });
});

it.each(moves.filter((m) => m.to === null))('$event is refused for a $from call: nothing changes', ({ event, from }) => {
  const id = callIn(from);
  const before = eventCount(id);
  expect(calls.move(id, event, 1000, 'u-spec', { end_reason: 'max_wait', stamp: { ended_at: 1000 } })).toBeNull();
  expect(stateOf(id)).toBe(from);
  expect(db.prepare('SELECT end_reason, ended_at FROM calls WHERE id = ?').get(id)).toEqual({ end_reason: null, ended_at: null });
  expect(eventCount(id)).toBe(before);
});

it('refuses some event in every state, and refuses everything for a call that does not exist', () => {
  for (const state of stored) expect(moves.some((m) => m.from === state && m.to === null)).toBe(true);
  for (const event of CALL_EVENTS.filter((e) => e !== 'request')) expect(calls.move('no-such-call', event, 1, null)).toBeNull();
  expect(() => calls.move(callIn('queued'), 'request' as CallEvent, 1, null)).toThrow(/does not move a stored call/);
});

it('of two racing accepts exactly one wins; a stamp is never overwritten', () => {
  const id = callIn('ringing');
  const first = calls.move(id, 'accept', 10, 'u-spec', { specialist_id: 'u-spec', stamp: { answered_at: 10 } });
  const second = calls.move(id, 'accept', 20, 'u-other', { specialist_id: 'u-other', stamp: { answered_at: 20 } });
  expect(first).toMatchObject({ state: 'connected', specialist_id: 'u-spec', answered_at: 10 });
  expect(second).toBeNull();
  const ringAgain = callIn('ringing');
  calls.move(ringAgain, 'ring', 5, null, { stamp: { first_ring_at: 5 } });
  expect(calls.move(ringAgain, 'ring', 9, null, { stamp: { first_ring_at: 9 } })?.first_ring_at).toBe(5);
});

it('answers a line’s waiting calls in the order placed, a user’s live call and a specialist’s activity from the database', () => {
  const [a, b] = [callIn('queued', 1), callIn('ringing', 2)];
  callIn('closed', 3);
  expect(calls.waiting('line-1').map((r) => r.id)).toEqual([a, b]);
  expect(calls.specialistActivity('u-spec')).toBeNull();
  const wrap = callIn('wrap_up', 4);
  expect(calls.specialistActivity('u-spec')).toBe('wrap_up');
  // The caller has a waiting call and one in wrap-up: the waiting one is the one to resume.
  expect(calls.liveCallOf('u-gp')?.id).toBe(b);
  const live = callIn('connected', 5);
  expect(calls.specialistActivity('u-spec')).toBe('connected');
  expect(calls.liveCallOf('u-gp')?.id).toBe(live);
  expect(calls.liveCallOf('u-spec')?.id).toBe(live);
  expect(calls.liveCallsOf('u-spec').map((r) => r.id)).toEqual([wrap, live]);
});
