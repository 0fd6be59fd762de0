import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectEvents, request, requestOk, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, closeAll } from '../support/calls.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const CARDIOLOGY = 'line-cardiology';

describe('a full call from query to outcomes', () => {
  let caller: ClientSocket;
  let patel: ClientSocket;
  let shah: ClientSocket;
  let outsider: ClientSocket;
  afterAll(() => closeAll(caller, patel, shah, outsider));

  it('queues, rings, connects, relays signals, hangs up, records both outcomes with every timestamp', async () => {
    const t0 = Date.now();
    patel = (await availableSpecialist(server.url, 'dr.patel')).socket;
    shah = (await availableSpecialist(server.url, 'dr.shah')).socket;
    caller = (await signInAndConnect(server.url, 'dr.wright')).socket;
    outsider = (await signInAndConnect(server.url, 'gp.evans')).socket;

    const directory = await requestOk(caller, 'directory:list', {});
    const cardio = directory.find((l) => l.id === CARDIOLOGY)!;
    expect(cardio).toMatchObject({ name: 'Cardiology', availableSpecialists: 2, waiting: 0, expectedWaitSec: null, maxWaitSec: 300 });

    const ringPatel = waitForEvent(patel, 'call:ring');
    const ringShah = waitForEvent(shah, 'call:ring');
    const call = await requestOk(caller, 'call:request', callRequest(CARDIOLOGY, { urgency: 'urgent' }));
    expect(call).toMatchObject({ lineName: 'Cardiology', urgency: 'urgent', specialist: null, answeredAt: null });
    const [rp, rs] = await Promise.all([ringPatel, ringShah]);
    expect(rp).toMatchObject({ callId: call.id, offeredToYou: true, caller: { displayName: 'Dr Emma Wright' } });
    expect(rp.offerExpiresAt).toBeGreaterThan(Date.now());
    expect(rs.callId).toBe(call.id);
    const queue = await requestOk(patel, 'queue:list', {});
    expect(queue.map((q) => q.callId)).toEqual([call.id]);
    expect((await requestOk(caller, 'call:get', { callId: call.id })).position).toBe(1);

    const shahStops = waitForEvent(shah, 'call:ring-stop', (e) => e.callId === call.id);
    const callerSeesAnswer = waitForEvent(caller, 'call:updated', (c) => c.state === 'connected');
    const accepted = await requestOk(patel, 'call:accept', { callId: call.id });
    expect(accepted).toMatchObject({ state: 'connected', specialist: { displayName: 'Dr Priya Patel' } });
    expect((await shahStops).reason).toBe('taken');
    expect((await callerSeesAnswer).specialist?.userId).toBe('u-dr-patel');

    // Signal relay both ways; the outsider's relay is refused and delivers nothing.
    const outsiderSaw = collectEvents(outsider, 'call:signal');
    const patelSaw = collectEvents(patel, 'call:signal');
    const atPatel = waitForEvent(patel, 'call:signal');
    expect(await requestOk(caller, 'call:signal', { callId: call.id, data: { type: 'offer', sdp: 'v=0 caller-offer' } })).toEqual({ delivered: true });
    expect(await atPatel).toEqual({ callId: call.id, data: { type: 'offer', sdp: 'v=0 caller-offer' } });
    const atCaller = waitForEvent(caller, 'call:signal');
    await requestOk(patel, 'call:signal', { callId: call.id, data: { type: 'answer', sdp: 'v=0 answer' } });
    expect((await atCaller).data).toEqual({ type: 'answer', sdp: 'v=0 answer' });
    for (const intruder of [outsider, shah]) {
      const res = await request(intruder, 'call:signal', { callId: call.id, data: { type: 'candidate', candidate: { candidate: 'candidate:evil' } } });
      expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const intruderGet = await request(outsider, 'call:get', { callId: call.id });
    expect(intruderGet).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(patelSaw).toHaveLength(1);
    expect(outsiderSaw).toHaveLength(0);

    // A caller's page taking the call up anew (a reload) asks the specialist's side for a fresh peer.
    const restartAtPatel = waitForEvent(patel, 'call:signal');
    expect(await requestOk(caller, 'call:signal', { callId: call.id, data: { type: 'restart' } })).toEqual({ delivered: true });
    expect(await restartAtPatel).toEqual({ callId: call.id, data: { type: 'restart' } });
    const badRestart = await request(caller, 'call:signal', { callId: call.id, data: { type: 'restart', sdp: 'v=0' } } as never);
    expect(badRestart).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    // Patient outcome may come any time after the answer; advice only after hang-up.
    const early = await request(patel, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
    expect(early).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    const wrapUp = waitForEvent(patel, 'presence:changed', (e) => e.status === 'wrap_up');
    const hung = await requestOk(caller, 'call:hangup', { callId: call.id });
    expect(hung.state).toBe('wrap_up');
    expect((await wrapUp).reason).toBe('wrap_up');
    // Accepting another call while in wrap-up (wrap_up_required) is covered with a real waiting call in review-security.test.ts.

    const patientOutcome = { outcomeId: randomUUID(), callId: call.id, code: 'AVOIDED_TRANSFER', enteredAt: Date.now() };
    expect(await requestOk(caller, 'outcome:patient', patientOutcome)).toEqual({ outcomeId: patientOutcome.outcomeId, duplicate: false });
    const adviceOutcome = { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', topic: 'QT prolongation and psychotropics', note: 'Repeat ECG in 1 week', enteredAt: Date.now() };
    const backAvailable = waitForEvent(patel, 'presence:changed', (e) => e.status === 'available');
    expect(await requestOk(patel, 'outcome:advice', adviceOutcome)).toEqual({ outcomeId: adviceOutcome.outcomeId, duplicate: false });
    expect((await backAvailable).reason).toBe('outcome_recorded');

    // Resent outcomes are acknowledged as duplicates and stored once; a different one is refused.
    expect(await requestOk(patel, 'outcome:advice', adviceOutcome)).toEqual({ outcomeId: adviceOutcome.outcomeId, duplicate: true });
    expect(await requestOk(caller, 'outcome:patient', patientOutcome)).toEqual({ outcomeId: patientOutcome.outcomeId, duplicate: true });
    const conflicting = await request(patel, 'outcome:advice', { ...adviceOutcome, outcomeId: randomUUID(), code: 'URGENT_REFERRAL' });
    expect(conflicting).toMatchObject({ ok: false, error: { code: 'invalid_state', message: expect.stringContaining('ADVICE_MANAGE_IN_PLACE') } });
    const stolen = await request(caller, 'outcome:advice', { ...adviceOutcome, outcomeId: randomUUID() });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const final = await requestOk(caller, 'call:get', { callId: call.id });
    expect(final).toMatchObject({ state: 'closed', adviceOutcome: { code: 'ADVICE_MANAGE_IN_PLACE', topic: 'QT prolongation and psychotropics' }, patientOutcome: { code: 'AVOIDED_TRANSFER', category: 'avoided' } });
    const t1 = Date.now();
    await withTestData(server, async (data) => {
      const row = (await data.q().selectFrom('calls').selectAll().where('id', '=', call.id).executeTakeFirst()) as Record<string, number | string | null>;
      const ts = ['created_at', 'first_ring_at', 'answered_at', 'ended_at', 'closed_at'].map((c) => row[c] as number);
      for (const t of ts) expect(t).toBeGreaterThanOrEqual(t0);
      for (const t of ts) expect(t).toBeLessThanOrEqual(t1);
      expect([...ts].sort((a, b) => a - b)).toEqual(ts);
      expect(row).toMatchObject({ state: 'closed', specialist_id: 'u-dr-patel', end_reason: 'caller_hung_up', topic: 'QT prolongation and psychotropics', callback_requested_at: null });
      const events = await data.q().selectFrom('call_events').select(['state', 'at']).where('call_id', '=', call.id).orderBy('seq').execute();
      expect(events.map((e) => e.state)).toEqual(['queued', 'ringing', 'connected', 'wrap_up', 'closed']);
      expect(events.map((e) => e.at)).toEqual([row.created_at, row.first_ring_at, row.answered_at, row.ended_at, row.closed_at]);
      const outcomes = await data.q().selectFrom('outcomes').select((eb) => eb.fn.countAll<number>().as('n')).where('call_id', '=', call.id).executeTakeFirstOrThrow();
      expect(outcomes.n).toBe(2);
      const audit = await data.q().selectFrom('audit_log').select('action').where('target', '=', call.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['call.accept', 'outcome.patient', 'outcome.advice', 'outcome.rejected']);
    });

    const history = await requestOk(caller, 'history:list', {});
    expect(history[0]).toMatchObject({ id: call.id, state: 'closed', counterpart: { userId: 'u-dr-patel' }, adviceOutcome: { code: 'ADVICE_MANAGE_IN_PLACE' } });
    expect(await requestOk(caller, 'history:list', { lineId: 'line-haematology' })).toEqual([]);
    expect(await requestOk(caller, 'history:list', { from: Date.now() + 1000 })).toEqual([]);
    expect((await requestOk(patel, 'history:list', {}))[0]?.counterpart?.userId).toBe('u-dr-wright');
    const dir = await requestOk(caller, 'directory:list', {});
    expect(dir.find((l) => l.id === CARDIOLOGY)?.expectedWaitSec).toBeGreaterThanOrEqual(0);
  });

  it('validates outcome codes against the line and asks for a note where needed', async () => {
    const patient = (await signInAndConnect(server.url, 'nurse.ali')).socket;
    const chen = (await availableSpecialist(server.url, 'dr.chen')).socket;
    const call = await requestOk(patient, 'call:request', callRequest('line-acute-medicine'));
    await requestOk(chen, 'call:accept', { callId: call.id });
    const unknown = await request(patient, 'outcome:patient', { outcomeId: randomUUID(), callId: call.id, code: 'MADE_UP', enteredAt: Date.now() });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const noNote = await request(patient, 'outcome:patient', { outcomeId: randomUUID(), callId: call.id, code: 'OTHER', enteredAt: Date.now() });
    expect(noNote).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'note' }] } });
    const withNote = await request(patient, 'outcome:patient', { outcomeId: randomUUID(), callId: call.id, code: 'OTHER', note: 'Family to bring in', enteredAt: Date.now() });
    expect(withNote.ok).toBe(true);
    closeAll(patient, chen);
  });
});

describe('directory', () => {
  it('shows internal lines only to their own organisation and public lines to allowed callers', async () => {
    const mh = (await signInAndConnect(server.url, 'nurse.ali')).socket;
    const gp = (await signInAndConnect(server.url, 'gp.evans')).socket;
    const mhLines = (await requestOk(mh, 'directory:list', {})).map((l) => l.name);
    const gpLines = (await requestOk(gp, 'directory:list', {})).map((l) => l.name);
    expect(mhLines).toEqual(['Acute Medicine', 'Cardiology', 'Diabetes & Endocrinology', 'Haematology', 'Paediatrics', 'Staff Vaccination Advice']);
    expect(gpLines).toEqual(['Acute Medicine', 'Cardiology', 'Diabetes & Endocrinology', 'Haematology', 'Paediatrics']);
    const vacc = await request(gp, 'call:request', callRequest('line-staff-vaccination'));
    expect(vacc).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const entry = (await requestOk(mh, 'directory:list', {})).find((l) => l.name === 'Acute Medicine')!;
    expect(entry).toMatchObject({ inHours: true, internal: false, providerOrgName: "St Thomas' Demo Acute NHS Trust", hours: { kind: 'always' } });
    closeAll(mh, gp);
  });
});
