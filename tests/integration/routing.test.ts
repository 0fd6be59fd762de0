import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { request, requestOk, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, ringRecorder, waitForRing } from '../support/calls.js';
import { addSpecialists, setLineRouting, withTestData } from '../support/db.js';
import { serverForFile } from '../support/test-server.js';

const t = serverForFile();
const { sockets } = t;

/** Connects specialists and sets them available one after the other (so their idle order is known), or all at once. */
async function specialists(usernames: string[], together = false): Promise<ClientSocket[]> {
  const out: ClientSocket[] = [];
  if (together) out.push(...(await Promise.all(usernames.map((u) => availableSpecialist(t.server.url, u)))).map((c) => c.socket));
  else for (const u of usernames) out.push((await availableSpecialist(t.server.url, u)).socket);
  sockets.push(...out);
  return out;
}

async function caller(username: string): Promise<ClientSocket> {
  const s = (await signInAndConnect(t.server.url, username)).socket;
  sockets.push(s);
  return s;
}

describe('ring all', () => {
  it('10 specialists accepting at once: exactly one wins, 9 are told already_taken', async () => {
    const names = await addSpecialists(t.server, 'line-paediatrics', 10, 'paeds');
    const team = await specialists(names, true);
    const ali = await caller('nurse.ali');
    const rings = team.map((s) => waitForEvent(s, 'call:ring'));
    const call = await requestOk(ali, 'call:request', callRequest('line-paediatrics', { patient: { ageBand: 'child', setting: 'primary_care' } }));
    await Promise.all(rings);
    const results = await Promise.all(team.map((s) => request(s, 'call:accept', { callId: call.id })));
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(9);
    for (const l of losers) expect(l).toMatchObject({ ok: false, error: { code: 'already_taken', message: expect.stringMatching(/already answered/) } });
    await withTestData(t.server, async (data) => {
      const connected = await data.q().selectFrom('call_events').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', call.id).where('state', '=', 'connected').executeTakeFirstOrThrow();
      expect(connected.n).toBe(1);
      const accepts = await data.q().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'call.accept').where('target', '=', call.id).executeTakeFirstOrThrow();
      expect(accepts.n).toBe(1);
    });
    await requestOk(ali, 'call:hangup', { callId: call.id });
  });
});

describe('one at a time', () => {
  it('longest idle: offers the specialist free the longest, then the next on decline', async () => {
    const names = await addSpecialists(t.server, 'line-haematology', 2, 'haem');
    await setLineRouting(t.server, 'line-haematology', { routing: 'longest_idle' });
    // Become available in this order: haem.2 (idle longest), dr.lindqvist, haem.1.
    const [h2, lind, h1] = await specialists([names[1]!, 'dr.lindqvist', names[0]!]);
    const [r2, rl, r1] = [h2, lind, h1].map((s) => ringRecorder(s!));
    const wright = await caller('dr.wright');
    const call = await requestOk(wright, 'call:request', callRequest('line-haematology'));
    await r2!.for(call.id);
    const lindRings = waitForRing(lind!, call.id);
    expect([r2!.count(call.id), rl!.count(call.id), r1!.count(call.id)]).toEqual([1, 0, 0]);
    await requestOk(h2!, 'call:decline', { callId: call.id });
    await lindRings;
    expect([r2!.count(call.id), rl!.count(call.id), r1!.count(call.id)]).toEqual([1, 1, 0]);
    const h1Rings = waitForRing(h1!, call.id);
    await requestOk(lind!, 'call:decline', { callId: call.id });
    await h1Rings;
    const notRinging = await request(lind!, 'call:decline', { callId: call.id });
    expect(notRinging).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const answered = await requestOk(h1!, 'call:accept', { callId: call.id });
    expect(answered.specialist?.userId).toBe('u-haem-1');
    await requestOk(wright, 'call:hangup', { callId: call.id });
  });

  it('longest idle: a specialist who has just finished a call waits behind one who has been free longer', async () => {
    const names = await addSpecialists(t.server, 'line-diabetes', 2, 'diab');
    await setLineRouting(t.server, 'line-diabetes', { routing: 'longest_idle' });
    // diab.1 free the longest, then diab.2.
    const [d1, d2] = await specialists([names[0]!, names[1]!]);
    const evans = await caller('gp.evans');
    // Listening before the request: the ring may reach d1 before the request's reply reaches evans.
    const d1FirstRings = ringRecorder(d1!);
    const first = await requestOk(evans, 'call:request', callRequest('line-diabetes'));
    await d1FirstRings.for(first.id);
    await requestOk(d1!, 'call:accept', { callId: first.id });
    await requestOk(d1!, 'call:hangup', { callId: first.id });
    await requestOk(d1!, 'outcome:advice', { outcomeId: randomUUID(), callId: first.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    // diab.1 is available again, but diab.2 has been free longer: the next call rings for diab.2.
    const d2Rings = ringRecorder(d2!);
    const d1Rings = ringRecorder(d1!);
    const second = await requestOk(evans, 'call:request', callRequest('line-diabetes'));
    await d2Rings.for(second.id);
    expect(d1Rings.count(second.id)).toBe(0);
    await requestOk(evans, 'call:cancel', { callId: second.id });
    // Off the line's rota for the tests that follow.
    for (const s of [d1!, d2!]) await requestOk(s, 'presence:set', { status: 'away' });
  });

  it('rota order: follows the line order regardless of idle time', async () => {
    const names = await addSpecialists(t.server, 'line-diabetes', 2, 'endo');
    await setLineRouting(t.server, 'line-diabetes', { routing: 'rota_order' });
    // Rota is dr.murphy, endo.1, endo.2; they become available in reverse.
    const [e2, e1, murphy] = await specialists([names[1]!, names[0]!, 'dr.murphy']);
    const recorders = { 'dr.murphy': ringRecorder(murphy!), 'endo.1': ringRecorder(e1!), 'endo.2': ringRecorder(e2!) };
    const evans = await caller('gp.evans');
    const call = await requestOk(evans, 'call:request', callRequest('line-diabetes'));
    const order: string[] = [];
    for (const [who, s] of [['dr.murphy', murphy], ['endo.1', e1], ['endo.2', e2]] as const) {
      const ring = await recorders[who].for(call.id);
      expect(ring.offeredToYou).toBe(true);
      expect(Object.values(recorders).reduce((n, r) => n + r.count(call.id), 0)).toBe(order.length + 1);
      order.push(who);
      if (who !== 'endo.2') await requestOk(s!, 'call:decline', { callId: call.id });
    }
    expect(order).toEqual(['dr.murphy', 'endo.1', 'endo.2']);
    const cancelled = waitForEvent(e2!, 'call:ring-stop', (e) => e.callId === call.id);
    await requestOk(evans, 'call:cancel', { callId: call.id });
    expect((await cancelled).reason).toBe('abandoned');
  });
});

describe('caller cancel', () => {
  it('ends the call abandoned, stops the ringing and stamps the end', async () => {
    const [chen] = await specialists(['dr.chen']);
    const rings = ringRecorder(chen!);
    const wright = await caller('dr.wright');
    const call = await requestOk(wright, 'call:request', callRequest('line-acute-medicine'));
    await rings.for(call.id);
    const stop = waitForEvent(chen!, 'call:ring-stop', (e) => e.callId === call.id);
    const snapshot = waitForEvent(chen!, 'queue:snapshot', (s) => s.items.length === 0);
    const cancelled = await requestOk(wright, 'call:cancel', { callId: call.id });
    expect(cancelled).toMatchObject({ state: 'abandoned', callbackRequested: false });
    expect((await stop).reason).toBe('abandoned');
    await snapshot;
    expect(await requestOk(wright, 'call:cancel', { callId: call.id })).toMatchObject({ state: 'abandoned' });
    const late = await request(chen!, 'call:accept', { callId: call.id });
    expect(late).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    await withTestData(t.server, async (data) => {
      const row = await data.q().selectFrom('calls').select(['state', 'ended_at', 'end_reason', 'answered_at']).where('id', '=', call.id).executeTakeFirst();
      expect(row).toMatchObject({ state: 'abandoned', end_reason: 'caller_cancelled', answered_at: null, ended_at: expect.any(Number) });
    });
  });

  it('a retried call:request with the same requestId returns the same call', async () => {
    const ali = await caller('nurse.ali');
    const input = callRequest('line-cardiology');
    const a = await requestOk(ali, 'call:request', input);
    const b = await requestOk(ali, 'call:request', input);
    expect(b.id).toBe(a.id);
    const second = await request(ali, 'call:request', callRequest('line-cardiology'));
    expect(second).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    await requestOk(ali, 'call:cancel', { callId: a.id });
  });
});
