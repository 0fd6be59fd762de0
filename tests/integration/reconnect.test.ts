import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, eventually, requestOk, signIn, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, closeAll, ringRecorder } from '../support/calls.js';
import { setLineRouting, withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// timeScale 0.1: grace period 1.5 s; ring time-out raised so it never fires here.
let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.1 });
  await setLineRouting(server, 'line-acute-medicine', { ringTimeoutSec: 300, maxWaitSec: 3600 });
});
afterAll(async () => {
  closeAll(...sockets);
  await server.close();
});

async function session(username: string) {
  const s = await signIn(server.url, username, 'oncall-demo');
  const c = await connectClient(server.url, s.token);
  sockets.push(c.socket);
  return { token: s.token, ...c };
}

describe('reconnect within the grace period', () => {
  it('a specialist whose socket blips keeps a ringing call and then a connected one', async () => {
    const chen = await session('dr.chen');
    await requestOk(chen.socket, 'presence:set', { status: 'available' });
    const rings = ringRecorder(chen.socket);
    const caller = await session('nurse.ali');
    const call = await requestOk(caller.socket, 'call:request', callRequest('line-acute-medicine'));
    await rings.for(call.id);

    // Blip while ringing: the offer survives and is visible on the new socket.
    chen.socket.close();
    const chen2 = await connectClient(server.url, chen.token);
    sockets.push(chen2.socket);
    expect(chen2.ready.presence).toBe('available');
    const queue = await requestOk(chen2.socket, 'queue:list', {});
    expect(queue.find((i) => i.callId === call.id)).toMatchObject({ state: 'ringing', offeredToYou: true });
    await requestOk(chen2.socket, 'call:accept', { callId: call.id });
    await withTestData(server, async (data) => {
      // It never stopped ringing: no requeue, no second offer.
      const events = await data.q().selectFrom('call_events').select('state').where('call_id', '=', call.id).orderBy('seq').execute();
      expect(events.map((e) => e.state)).toEqual(['queued', 'ringing', 'connected']);
    });
    expect(rings.count(call.id)).toBe(1);

    // Blip while connected (both sides, one after the other): the call stays connected and relays.
    chen2.socket.close();
    const chen3 = await connectClient(server.url, chen.token);
    sockets.push(chen3.socket);
    expect(chen3.ready).toMatchObject({ presence: 'busy', activeCall: { id: call.id, state: 'connected' } });
    caller.socket.close();
    const caller2 = await connectClient(server.url, caller.token);
    sockets.push(caller2.socket);
    expect(caller2.ready.activeCall).toMatchObject({ id: call.id, state: 'connected' });
    const relayed = waitForEvent(chen3.socket, 'call:signal');
    expect(await requestOk(caller2.socket, 'call:signal', { callId: call.id, data: { type: 'renegotiate', renegotiate: true } })).toEqual({ delivered: true });
    expect((await relayed).data).toEqual({ type: 'renegotiate', renegotiate: true });
    await new Promise((r) => setTimeout(r, 1700)); // past the grace period: still connected
    expect((await requestOk(caller2.socket, 'call:get', { callId: call.id })).state).toBe('connected');
    await requestOk(caller2.socket, 'call:hangup', { callId: call.id });
  });

  it('a specialist gone longer than the grace period: the call ends answered, in wrap-up, the caller is told, and the specialist records the advice on return', async () => {
    const adeyemi = await signInAndConnect(server.url, 'dr.adeyemi');
    await requestOk(adeyemi.socket, 'presence:set', { status: 'available' });
    const caller = (await signInAndConnect(server.url, 'gp.evans')).socket;
    sockets.push(adeyemi.socket, caller);
    const call = await requestOk(caller, 'call:request', callRequest('line-paediatrics'));
    await eventually(async () => (await requestOk(adeyemi.socket, 'queue:list', {})).some((q) => q.callId === call.id));
    await requestOk(adeyemi.socket, 'call:accept', { callId: call.id });
    const lost = waitForEvent(caller, 'call:updated', (c) => c.id === call.id && c.state !== 'connected', 4000);
    const t = Date.now();
    adeyemi.socket.close();
    const view = await lost;
    expect(Date.now() - t).toBeGreaterThanOrEqual(1400);
    expect(view).toMatchObject({ state: 'wrap_up', endReason: 'specialist_lost', answeredAt: expect.any(Number), endedAt: expect.any(Number) });
    // The caller can still record what happens for their patient.
    await requestOk(caller, 'outcome:patient', { outcomeId: randomUUID(), callId: call.id, code: 'AVOIDED_REFERRAL', enteredAt: Date.now() });

    // Back later, the specialist is in wrap-up for that call and records the advice they gave.
    const back = await connectClient(server.url, adeyemi.session.token);
    sockets.push(back.socket);
    expect(back.ready.presence).toBe('wrap_up');
    expect(back.ready.activeCall).toMatchObject({ id: call.id, state: 'wrap_up', endReason: 'specialist_lost' });
    await requestOk(back.socket, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    await withTestData(server, async (data) => {
      expect(await data.q().selectFrom('calls').select(['state', 'end_reason']).where('id', '=', call.id).executeTakeFirst()).toEqual({ state: 'closed', end_reason: 'specialist_lost' });
    });
  });

  it('a caller gone longer than the grace period mid-call: the specialist who stays is put in wrap-up, told, and records the advice', async () => {
    const lindqvist = (await availableSpecialist(server.url, 'dr.lindqvist')).socket;
    const caller = (await signInAndConnect(server.url, 'dr.wright')).socket;
    sockets.push(lindqvist, caller);
    const ring = waitForEvent(lindqvist, 'call:ring');
    const call = await requestOk(caller, 'call:request', callRequest('line-haematology'));
    await ring;
    await requestOk(lindqvist, 'call:accept', { callId: call.id });
    const wrapUp = waitForEvent(lindqvist, 'call:updated', (c) => c.id === call.id && c.state !== 'connected', 4000);
    const presence = waitForEvent(lindqvist, 'presence:changed', (p) => p.status === 'wrap_up', 4000);
    caller.close();
    expect(await wrapUp).toMatchObject({ state: 'wrap_up', endReason: 'caller_lost' });
    expect(await presence).toEqual({ status: 'wrap_up', reason: 'wrap_up' });
    await requestOk(lindqvist, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    expect((await requestOk(lindqvist, 'call:get', { callId: call.id })).state).toBe('closed');
  });

  it('a caller gone longer than the grace period while waiting: the call ends abandoned', async () => {
    const caller = (await signInAndConnect(server.url, 'dr.wright')).socket;
    const call = await requestOk(caller, 'call:request', callRequest('line-haematology'));
    caller.close();
    await withTestData(server, (data) =>
      eventually(
        async () => {
          const row = await data.q().selectFrom('calls').select('end_reason').where('id', '=', call.id).where('state', '=', 'abandoned').executeTakeFirst();
          return row?.end_reason === 'caller_disconnected';
        },
        4000,
        'call abandoned',
      ),
    );
  });
});
