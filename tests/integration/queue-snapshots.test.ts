import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, requestOk, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, closeAll, ringRecorder } from '../support/calls.js';
import { addSpecialists } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  closeAll(...sockets);
  await server.close();
});

/** Events a socket was sent before this acknowledgement have arrived (one socket's packets keep their order). */
const settled = (s: ClientSocket) => requestOk(s, 'queue:list', {});

describe('queue snapshots', () => {
  it('go to the line’s specialists when the queue changes, and are not re-sent when nothing in them changed', async () => {
    const [a, b] = await addSpecialists(server.dataDir, 'line-paediatrics', 2, 'snap');
    const answering = (await availableSpecialist(server.url, a!)).socket;
    const watching = (await availableSpecialist(server.url, b!)).socket;
    const caller = (await signInAndConnect(server.url, 'nurse.ali')).socket;
    sockets.push(answering, watching, caller);
    await settled(watching);
    const snapshots = collectEvents(watching, 'queue:snapshot');
    const line = () => snapshots.at(-1)!.lines.find((l) => l.id === 'line-paediatrics')!;

    const rings = ringRecorder(answering);
    const call = await requestOk(caller, 'call:request', callRequest('line-paediatrics', { patient: { ageBand: 'child', setting: 'primary_care' } }));
    await rings.for(call.id);
    await settled(watching);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]!.items.map((i) => i.callId)).toEqual([call.id]);
    expect(line()).toMatchObject({ waiting: 1, availableSpecialists: 2 });

    await requestOk(answering, 'call:accept', { callId: call.id });
    await settled(watching);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]!.items).toEqual([]);
    expect(line()).toMatchObject({ waiting: 0, availableSpecialists: 1 });

    // Hanging up moves the specialist from busy to wrap-up: neither is available, so the queue the
    // others see is exactly what they were last sent.
    const wrapUp = waitForEvent(answering, 'call:updated', (c) => c.id === call.id && c.state === 'wrap_up');
    await requestOk(answering, 'call:hangup', { callId: call.id, reason: 'normal' });
    await wrapUp;
    await settled(watching);
    expect(snapshots).toHaveLength(2);

    // The outcome frees them: that change is sent.
    await requestOk(answering, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    await settled(watching);
    expect(snapshots).toHaveLength(3);
    expect(line()).toMatchObject({ waiting: 0, availableSpecialists: 2 });
  });

  it('ring the specialist before re-sending the list that shows the new call', async () => {
    const [a] = await addSpecialists(server.dataDir, 'line-haematology', 1, 'order');
    const specialist = (await availableSpecialist(server.url, a!)).socket;
    const caller = (await signInAndConnect(server.url, 'gp.evans')).socket;
    sockets.push(specialist, caller);
    await settled(specialist);
    const order: string[] = [];
    specialist.on('call:ring', (r) => order.push(`ring ${r.callId}`));
    specialist.on('queue:snapshot', (q) => order.push(`list ${q.items.map((i) => i.callId).join(',')}`));

    const call = await requestOk(caller, 'call:request', callRequest('line-haematology'));
    await settled(specialist);
    expect(order).toEqual([`ring ${call.id}`, `list ${call.id}`]);
  });
});
