import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually, requestOk, signInAndConnect, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, queueView, ringRecorder, settled } from '../support/calls.js';
import { addSpecialists } from '../support/db.js';
import { serverForFile } from '../support/test-server.js';

/** Short enough to wait for in a test, long enough that one quick call fits inside it. */
const REFRESH_MS = 600;

const t = serverForFile({ countsRefreshMs: REFRESH_MS });
const { sockets } = t;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const available = (view: ReturnType<typeof queueView>, lineId: string) => view.lines.find((l) => l.id === lineId)?.availableSpecialists;
const ids = (view: ReturnType<typeof queueView>) => view.items.map((i) => i.callId);

async function specialists(lineId: string, count: number, prefix: string) {
  const names = await addSpecialists(t.server.dataDir, lineId, count, prefix);
  const clients = await Promise.all(names.map((n) => availableSpecialist(t.server.url, n)));
  sockets.push(...clients.map((c) => c.socket));
  await sleep(REFRESH_MS * 1.5); // their own comings online reach each other's counts by then
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
  it('keep every specialist’s list right, sending a snapshot only for news the rings did not bring', async () => {
    const line = 'line-paediatrics';
    const [answering, watching] = await specialists(line, 2, 'snap');
    const view = queueView(watching!);
    const nurse = await caller('nurse.ali');
    const truth = async () => (await requestOk(watching!.socket, 'queue:list', {})).map((i) => i.callId);

    // A new call rings for both: the ring brings it into the list, so no snapshot is needed.
    const rings = ringRecorder(answering!.socket);
    const call = await requestOk(nurse, 'call:request', callRequest(line, { patient: { ageBand: 'child', setting: 'primary_care' } }));
    await rings.for(call.id);
    await settled(watching!.socket);
    expect(ids(view)).toEqual([call.id]);
    expect(view.items[0]).toMatchObject({ offeredToYou: true, state: 'ringing' });
    expect(view.snapshotsSent).toBe(0);
    expect(available(view, line)).toBe(2);

    // A colleague answers: the ring-stop takes the call out at once; one colleague fewer is
    // available, which arrives within the refresh interval.
    await requestOk(answering!.socket, 'call:accept', { callId: call.id });
    await settled(watching!.socket);
    expect(ids(view)).toEqual([]);
    await eventually(() => available(view, line) === 1 || undefined, REFRESH_MS * 3, 'the count after the answer');
    expect(view.snapshotsSent).toBe(1);

    // Busy → wrap-up: neither is available, so nothing the others see changed, and nothing is sent.
    await requestOk(answering!.socket, 'call:hangup', { callId: call.id, reason: 'normal' });
    await sleep(REFRESH_MS * 1.5);
    expect(view.snapshotsSent).toBe(1);

    // The outcome frees them again.
    await requestOk(answering!.socket, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    await eventually(() => available(view, line) === 2 || undefined, REFRESH_MS * 3, 'the count after the outcome');
    expect(view.snapshotsSent).toBe(2);
    expect(ids(view)).toEqual(await truth());
  });

  it('send a call that did not ring for a specialist at once, without waiting for the refresh', async () => {
    const line = 'line-haematology';
    const [away] = await specialists(line, 1, 'away');
    await requestOk(away!.socket, 'presence:set', { status: 'away' });
    const view = queueView(away!);
    const gp = await caller('gp.evans');
    const rings = ringRecorder(away!.socket);

    const call = await requestOk(gp, 'call:request', callRequest(line));
    await eventually(() => ids(view).includes(call.id) || undefined, REFRESH_MS / 2, 'the new call in the list of a specialist it does not ring for');
    expect(view.items[0]).toMatchObject({ callId: call.id, offeredToYou: false });
    expect(rings.rings).toHaveLength(0);

    await requestOk(gp, 'call:cancel', { callId: call.id });
    await eventually(() => ids(view).length === 0 || undefined, REFRESH_MS / 2, 'the cancelled call gone');
  });

  it('send nothing to the others for a call that comes and goes between two refreshes', async () => {
    const line = 'line-cardiology';
    const [answering, watching] = await specialists(line, 2, 'burst');
    const view = queueView(watching!);
    const before = { items: ids(view), available: available(view, line) };
    await quickCall(await caller('dr.wright'), answering!.socket, line);
    await sleep(REFRESH_MS * 1.5);
    // The watcher was rung and the ring stopped; the count dipped and came back: no snapshot.
    expect(view.snapshotsSent).toBe(0);
    expect({ items: ids(view), available: available(view, line) }).toEqual(before);
  });

  it('give each specialist the whole refresh interval, even while refreshes for others are due sooner', async () => {
    const [, other] = await specialists('line-acute-medicine', 2, 'elsewhere');
    const [answering, watching] = await specialists('line-diabetes', 2, 'dip');
    const view = queueView(watching!);
    const gp = await caller('gp.evans');
    // A refresh for the other line's specialists falls due first…
    await requestOk(other!.socket, 'presence:set', { status: 'away' });
    await sleep(REFRESH_MS * 0.5);
    // …and fires while a colleague of the watcher is briefly in a call; the watcher's own refresh
    // falls due only after the colleague is free again, so the dip is never sent.
    const rings = ringRecorder(answering!.socket);
    const call = await requestOk(gp, 'call:request', callRequest('line-diabetes'));
    await rings.for(call.id);
    await requestOk(answering!.socket, 'call:accept', { callId: call.id });
    await sleep(REFRESH_MS * 0.7);
    await requestOk(answering!.socket, 'call:hangup', { callId: call.id, reason: 'normal' });
    await requestOk(answering!.socket, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    await sleep(REFRESH_MS * 1.5);
    expect(view.snapshotsSent).toBe(0);
    expect(available(view, 'line-diabetes')).toBe(2);
  });
});
