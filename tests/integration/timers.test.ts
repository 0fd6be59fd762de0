import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_RESPONDING_MESSAGE } from '../../signaling/calls/router.js';
import { requestOk, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, closeAll, ringRecorder } from '../support/calls.js';
import { setLineRouting, withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

// timeScale 0.02: a 20 s ring time-out lasts 400 ms, a 10 s maximum wait 200 ms.
let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer({ timeScale: 0.02 });
});
afterAll(async () => {
  closeAll(...sockets);
  await server.close();
});

const track = <T extends { socket: ClientSocket }>(c: T) => (sockets.push(c.socket), c);

describe('ring time-out', () => {
  it('sets a specialist who lets the call ring out to away (not responding), tells them why, and requeues the call', async () => {
    await setLineRouting(server, 'line-acute-medicine', { ringTimeoutSec: 20, maxWaitSec: 600 });
    const chen = track(await availableSpecialist(server.url, 'dr.chen')).socket;
    const rings = ringRecorder(chen);
    const awayNotice = waitForEvent(chen, 'presence:changed', (e) => e.status === 'away', 3000);
    const stopped = waitForEvent(chen, 'call:ring-stop', undefined, 3000);
    const caller = track(await signInAndConnect(server.url, 'nurse.ali')).socket;
    const call = await requestOk(caller, 'call:request', callRequest('line-acute-medicine'));
    const ring = await rings.for(call.id);
    // Listening once it rang: the call's first view (queued, before it rang) is not the requeue.
    const requeued = waitForEvent(caller, 'call:updated', (c) => c.id === call.id && c.state === 'queued', 3000);
    expect(ring.offerExpiresAt! - ring.createdAt).toBeGreaterThan(300);
    expect(await stopped).toEqual({ callId: call.id, reason: 'timed_out' });
    expect(await awayNotice).toEqual({ status: 'away', reason: 'not_responding', message: NOT_RESPONDING_MESSAGE });
    expect((await requeued).id).toBe(call.id);
    expect(rings.count(call.id)).toBe(1); // not rung again while away
    // One click back to available and it rings again.
    await requestOk(chen, 'presence:set', { status: 'available' });
    await eventuallyRings(rings, call.id, 2);
    await requestOk(chen, 'call:accept', { callId: call.id });
    await requestOk(caller, 'call:hangup', { callId: call.id });
    await withTestData(server, async (data) => {
      const details = await data.q().selectFrom('call_events').select(['state', 'detail']).where('call_id', '=', call.id).orderBy('seq').execute();
      expect(details).toEqual([
        { state: 'queued', detail: null },
        { state: 'ringing', detail: null },
        { state: 'ringing', detail: 'offer timed out' },
        { state: 'queued', detail: 'no specialist ringing' },
        { state: 'ringing', detail: null },
        { state: 'connected', detail: null },
        { state: 'wrap_up', detail: 'caller_hung_up' },
      ]);
    });
  });

  it('rota order: a timed-out offer moves on to the next specialist', async () => {
    await setLineRouting(server, 'line-cardiology', { routing: 'rota_order', ringTimeoutSec: 20, maxWaitSec: 600 });
    const patel = track(await availableSpecialist(server.url, 'dr.patel')).socket;
    const shah = track(await availableSpecialist(server.url, 'dr.shah')).socket;
    const [rp, rs] = [ringRecorder(patel), ringRecorder(shah)];
    const caller = track(await signInAndConnect(server.url, 'gp.evans')).socket;
    const call = await requestOk(caller, 'call:request', callRequest('line-cardiology'));
    await rp.for(call.id);
    expect(rs.count(call.id)).toBe(0);
    await rs.for(call.id, 3000);
    const answered = await requestOk(shah, 'call:accept', { callId: call.id });
    expect(answered.specialist?.userId).toBe('u-dr-shah');
    await requestOk(caller, 'call:hangup', { callId: call.id });
  });
});

describe('maximum wait', () => {
  it('ends the call unanswered with a call-back request when nobody answers in time', async () => {
    await setLineRouting(server, 'line-haematology', { maxWaitSec: 10 });
    const caller = track(await signInAndConnect(server.url, 'dr.wright')).socket;
    const ended = waitForEvent(caller, 'call:updated', (c) => c.state === 'unanswered', 3000);
    const call = await requestOk(caller, 'call:request', callRequest('line-haematology'));
    expect(call.giveUpAt! - call.createdAt).toBe(200);
    const view = await ended;
    expect(view).toMatchObject({ id: call.id, callbackRequested: true, giveUpAt: null, endedAt: expect.any(Number) });
    expect(view.endedAt! - call.createdAt).toBeGreaterThanOrEqual(195);
    await withTestData(server, async (data) => {
      const row = await data.q().selectFrom('calls').select(['state', 'end_reason', 'callback_requested_at', 'ended_at']).where('id', '=', call.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: 'unanswered', end_reason: 'max_wait' });
      expect(row.callback_requested_at).toBe(row.ended_at);
    });
  });
});

async function eventuallyRings(r: ReturnType<typeof ringRecorder>, callId: string, n: number) {
  const until = Date.now() + 3000;
  while (r.count(callId) < n) {
    if (Date.now() > until) throw new Error(`expected ${n} rings`);
    await new Promise((res) => setTimeout(res, 10));
  }
}
