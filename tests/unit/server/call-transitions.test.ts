import { readFileSync } from 'node:fs';
import { beforeEach, expect, it } from 'vitest';
import { CallStore } from '../../../signaling/calls/store.js';
import { CALL_EVENTS, CALL_TRANSITIONS, describeTransitions, nextState, stateDiagram, type CallEvent } from '../../../signaling/calls/transitions.js';
import type { Data } from '../../../signaling/db/data.js';
import { CallState, TERMINAL_CALL_STATES } from '../../../signaling/protocol.js';
import { createLine, createOrganisation, insertUser } from '../../../signaling/seed/seed-api.js';
import { tempDataForEach } from '../../support/temp-db.js';

const t = tempDataForEach('oncall-transitions-');
let data: Data;
let calls: CallStore;
beforeEach(async () => {
  data = t.data;
  await createOrganisation(data, { id: 'org-a', name: 'Acute Trust', kind: 'acute' });
  await createOrganisation(data, { id: 'org-b', name: 'Practice', kind: 'gp' });
  await insertUser(data, { id: 'u-spec', username: 'spec', displayName: 'Dr Spec', role: 'specialist', professionalGroup: 'consultant', organisationId: 'org-a', passwordHash: 'x' });
  await insertUser(data, { id: 'u-gp', username: 'gp', displayName: 'Dr GP', role: 'caller', professionalGroup: 'gp', organisationId: 'org-b', passwordHash: 'x' });
  await createLine(data, { id: 'line-1', name: 'Line', specialty: 'Cardiology', providerOrgId: 'org-a', callerOrgIds: ['org-b'], specialistIds: ['u-spec'] });
  calls = new CallStore(data);
});

let n = 0;
/** A stored call put straight into `state` (as if earlier moves had brought it there). */
async function callIn(state: CallState, createdAt = 1): Promise<string> {
  const id = `c${++n}`;
  await calls.create({ id, request_id: `r-${id}`, line_id: 'line-1', caller_id: 'u-gp', urgency: 'routine', question: 'q', age_band: 'adult_18_64', care_setting: 'primary_care', photo_id: null, outcome_sets: null, created_at: createdAt });
  await data
    .q()
    .updateTable('calls')
    .set({ state, specialist_id: state === 'queued' || state === 'ringing' ? null : 'u-spec' })
    .where('id', '=', id)
    .execute();
  return id;
}
const stateOf = async (id: string) => (await data.q().selectFrom('calls').select('state').where('id', '=', id).executeTakeFirst())?.state;
const eventCount = async (id: string) =>
  (await data.q().selectFrom('call_events').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', id).executeTakeFirstOrThrow()).n;

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

it.each(moves.filter((m) => m.to !== null))('$event moves a $from call to $to and logs it', async ({ event, from, to }) => {
  const id = await callIn(from);
  const before = await eventCount(id);
  const row = await calls.move(id, event, 1000, 'u-spec', {}, 'why');
  expect(row?.state).toBe(to);
  expect(await stateOf(id)).toBe(to);
  expect(await eventCount(id)).toBe(before + 1);
  const last = await data.q().selectFrom('call_events').select(['state', 'at', 'actor_id', 'detail']).where('call_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  expect(last).toEqual({ state: to, at: 1000, actor_id: 'u-spec', detail: 'why' });
});

it.each(moves.filter((m) => m.to === null))('$event is refused for a $from call: nothing changes', async ({ event, from }) => {
  const id = await callIn(from);
  const before = await eventCount(id);
  expect(await calls.move(id, event, 1000, 'u-spec', { end_reason: 'max_wait', stamp: { ended_at: 1000 } })).toBeNull();
  expect(await stateOf(id)).toBe(from);
  expect(await data.q().selectFrom('calls').select(['end_reason', 'ended_at']).where('id', '=', id).executeTakeFirst()).toEqual({ end_reason: null, ended_at: null });
  expect(await eventCount(id)).toBe(before);
});

it('refuses some event in every state, and refuses everything for a call that does not exist', async () => {
  for (const state of stored) expect(moves.some((m) => m.from === state && m.to === null)).toBe(true);
  for (const event of CALL_EVENTS.filter((e) => e !== 'request')) expect(await calls.move('no-such-call', event, 1, null)).toBeNull();
  const queued = await callIn('queued');
  await expect(calls.move(queued, 'request' as CallEvent, 1, null)).rejects.toThrow(/does not move a stored call/);
});

it('of two racing accepts exactly one wins; a stamp is never overwritten', async () => {
  const id = await callIn('ringing');
  const first = await calls.move(id, 'accept', 10, 'u-spec', { specialist_id: 'u-spec', stamp: { answered_at: 10 } });
  const second = await calls.move(id, 'accept', 20, 'u-other', { specialist_id: 'u-other', stamp: { answered_at: 20 } });
  expect(first).toMatchObject({ state: 'connected', specialist_id: 'u-spec', answered_at: 10 });
  expect(second).toBeNull();
  const ringAgain = await callIn('ringing');
  await calls.move(ringAgain, 'ring', 5, null, { stamp: { first_ring_at: 5 } });
  expect((await calls.move(ringAgain, 'ring', 9, null, { stamp: { first_ring_at: 9 } }))?.first_ring_at).toBe(5);
});

it('answers a line’s waiting calls in the order placed, a user’s live call and a specialist’s activity from the database', async () => {
  const a = await callIn('queued', 1);
  const b = await callIn('ringing', 2);
  await callIn('closed', 3);
  expect((await calls.waiting('line-1')).map((r) => r.id)).toEqual([a, b]);
  expect(await calls.specialistActivity('u-spec')).toBeNull();
  const wrap = await callIn('wrap_up', 4);
  expect(await calls.specialistActivity('u-spec')).toBe('wrap_up');
  // The caller has a waiting call and one in wrap-up: the waiting one is the one to resume.
  expect((await calls.liveCallOf('u-gp'))?.id).toBe(b);
  expect((await calls.liveCallsOf('u-spec')).map((r) => r.id)).toEqual([wrap]);
  // A specialist is in or wrapping up one call at a time: the store itself refuses a second (migration 010).
  await expect(data.q().updateTable('calls').set({ state: 'connected', specialist_id: 'u-spec' }).where('id', '=', a).execute()).rejects.toThrow(/unique/i);
  await data.q().updateTable('calls').set({ state: 'closed' }).where('id', '=', wrap).execute();
  const live = await callIn('connected', 5);
  expect(await calls.specialistActivity('u-spec')).toBe('connected');
  expect((await calls.liveCallOf('u-gp'))?.id).toBe(live);
  expect((await calls.liveCallOf('u-spec'))?.id).toBe(live);
  expect((await calls.liveCallsOf('u-spec')).map((r) => r.id)).toEqual([live]);
  expect((await calls.liveCallsOf('u-gp')).map((r) => r.id)).toEqual([a, b, live]);
});
