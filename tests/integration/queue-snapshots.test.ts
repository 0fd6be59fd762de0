import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, requestOk, signInAndConnect, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, queueView, ringRecorder, settled } from '../support/calls.js';
import { addSpecialists } from '../support/db.js';
import { serverForFile } from '../support/test-server.js';
import { COUNTS_EVERY_MS } from '../../signaling/options.js';

const t = serverForFile();
const { sockets } = t;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const available = (view: ReturnType<typeof queueView>, lineId: string) => view.lines.find((l) => l.id === lineId)?.availableSpecialists;
const ids = (view: ReturnType<typeof queueView>) => view.items.map((i) => i.callId);

async function specialists(lineId: string, count: number, prefix: string) {
  const names = await addSpecialists(t.server, lineId, count, prefix);
  const clients = await Promise.all(names.map((n) => availableSpecialist(t.server.url, n)));
  sockets.push(...clients.map((c) => c.socket));
  await Promise.all(clients.map((c) => settled(c.socket)));
  return clients;
}

async function caller(username: string) {
  const client = await signInAndConnect(t.server.url, username);
  sockets.push(client.socket);
  return client.socket;
}

/** A whole call answered by `specialist`: request, accept, hang up, advice outcome. */
async function quickCall(callerSocket: ClientSocket, specialist: ClientSocket, lineId: string) {
  const rings = ringRecorder(specialist);
  const call = await requestOk(callerSocket, 'call:request', callRequest(lineId));
  await rings.for(call.id);
  await requestOk(specialist, 'call:accept', { callId: call.id });
  await requestOk(specialist, 'call:hangup', { callId: call.id, reason: 'normal' });
  await requestOk(specialist, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
  return call;
}

describe('queue snapshots', () => {
  it('keep every specialist’s list and colleague counts right through a whole call', async () => {
    const line = 'line-paediatrics';
    const [answering, watching] = await specialists(line, 2, 'snap');
    const view = queueView(watching!);
    const nurse = await caller('nurse.ali');
    const truth = async () => (await requestOk(watching!.socket, 'queue:list', {})).map((i) => i.callId);
    await eventually(() => available(view, line) === 2 || undefined, 3000, 'both colleagues available');
    await sleep(COUNTS_EVERY_MS * 1.5); // the counts of their coming online have gone out
    const before = view.snapshotsSent;

    // A new call rings for both: the ring brings it into the list, so no list is sent for it.
    const rings = ringRecorder(answering!.socket);
    const call = await requestOk(nurse, 'call:request', callRequest(line, { patient: { ageBand: 'child', setting: 'primary_care' } }));
    await rings.for(call.id);
    await settled(watching!.socket);
    expect(ids(view)).toEqual([call.id]);
    expect(view.items[0]).toMatchObject({ offeredToYou: true, state: 'ringing' });
    expect(available(view, line)).toBe(2);
    expect(view.snapshotsSent).toBe(before);

    // A colleague answers: the ring-stop takes the call out at once; one colleague fewer is
    // available, which arrives within COUNTS_EVERY_MS.
    await requestOk(answering!.socket, 'call:accept', { callId: call.id });
    await settled(watching!.socket);
    expect(ids(view)).toEqual([]);
    await eventually(() => available(view, line) === 1 || undefined, COUNTS_EVERY_MS * 3, 'the count after the answer');

    // Busy → wrap-up: still not available.
    await requestOk(answering!.socket, 'call:hangup', { callId: call.id, reason: 'normal' });
    await settled(watching!.socket);
    expect(available(view, line)).toBe(1);

    // The outcome frees them again.
    await requestOk(answering!.socket, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    await eventually(() => available(view, line) === 2 || undefined, COUNTS_EVERY_MS * 3, 'the count after the outcome');
    expect(ids(view)).toEqual(await truth());
  });

  it('send a call that did not ring for a specialist at once', async () => {
    const line = 'line-haematology';
    const [away] = await specialists(line, 1, 'away');
    await requestOk(away!.socket, 'presence:set', { status: 'away' });
    const view = queueView(away!);
    const gp = await caller('gp.evans');
    const rings = ringRecorder(away!.socket);

    const call = await requestOk(gp, 'call:request', callRequest(line));
    await eventually(() => ids(view).includes(call.id) || undefined, 1000, 'the new call in the list of a specialist it does not ring for');
    expect(view.items[0]).toMatchObject({ callId: call.id, offeredToYou: false });
    expect(rings.rings).toHaveLength(0);

    await requestOk(gp, 'call:cancel', { callId: call.id });
    await eventually(() => ids(view).length === 0 || undefined, 1000, 'the cancelled call gone');
  });

  it('bring a specialist who saw a colleague go busy the count back when the colleague is free again', async () => {
    const line = 'line-diabetes';
    const [answering, away] = await specialists(line, 2, 'dip');
    await requestOk(away!.socket, 'presence:set', { status: 'away' });
    const view = queueView(away!);
    await eventually(() => available(view, line) === 1 || undefined, COUNTS_EVERY_MS * 3, 'one colleague available');
    // The call does not ring for the away specialist: the lists they are sent carry each change,
    // the colleague's answer (no one available) among them.
    const rings = ringRecorder(answering!.socket);
    const gp = await caller('gp.evans');
    const call = await requestOk(gp, 'call:request', callRequest(line));
    await rings.for(call.id);
    await requestOk(answering!.socket, 'call:accept', { callId: call.id });
    await eventually(() => available(view, line) === 0 || undefined, COUNTS_EVERY_MS * 3, 'the colleague busy');
    await requestOk(answering!.socket, 'call:hangup', { callId: call.id, reason: 'normal' });
    await requestOk(answering!.socket, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    await eventually(() => available(view, line) === 1 || undefined, COUNTS_EVERY_MS * 3, 'the colleague free again');
  });

  it('leave the others’ lists as they were once a call has come and gone', async () => {
    const line = 'line-cardiology';
    const [answering, watching] = await specialists(line, 2, 'burst');
    const view = queueView(watching!);
    await eventually(() => available(view, line) !== undefined || undefined, 3000, 'a first snapshot');
    const before = { items: ids(view), available: available(view, line) };
    await quickCall(await caller('dr.wright'), answering!.socket, line);
    await eventually(() => available(view, line) === before.available || undefined, COUNTS_EVERY_MS * 3, 'the count back');
    expect({ items: ids(view), available: available(view, line) }).toEqual(before);
  });
});
