import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, eventually, requestOk, signIn, signInAndConnect, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, closeAll } from '../support/calls.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const sockets: ClientSocket[] = [];
let server: TestServer | undefined;
afterAll(async () => {
  closeAll(...sockets);
  await server?.close();
});

const outcome = (callId: string, code: string) => ({ outcomeId: randomUUID(), callId, code, enteredAt: Date.now() });

describe('server restart', () => {
  it('keeps accounts, sessions, calls and outcomes; resumes waiting calls; fails abandoned connected calls', async () => {
    server = await startTestServer({ timeScale: 0.02 }); // grace period 300 ms
    // The store to reopen: the SQLite folder, and on PostgreSQL runs the schema too.
    const store = { dataDir: server.dataDir, databaseUrl: server.databaseUrl };
    const wrightSession = await signIn(server.url, 'dr.wright', 'oncall-demo');
    const patelSession = await signIn(server.url, 'dr.patel', 'oncall-demo');
    const wright = (await connectClient(server.url, wrightSession.token)).socket;
    const patel = (await connectClient(server.url, patelSession.token)).socket;
    await requestOk(patel, 'presence:set', { status: 'available' });
    const ali = (await signInAndConnect(server.url, 'nurse.ali')).socket;
    const evans = (await signInAndConnect(server.url, 'gp.evans')).socket;
    const chen = (await availableSpecialist(server.url, 'dr.chen')).socket;
    sockets.push(wright, patel, ali, evans, chen);

    // 1. A finished call with both outcomes.
    const closed = await requestOk(wright, 'call:request', callRequest('line-cardiology'));
    await requestOk(patel, 'call:accept', { callId: closed.id });
    await requestOk(patel, 'call:hangup', { callId: closed.id });
    const advice = outcome(closed.id, 'URGENT_REFERRAL');
    await requestOk(patel, 'outcome:advice', advice);
    await requestOk(wright, 'outcome:patient', outcome(closed.id, 'REFERRAL_NEEDED'));
    // 2. A call left in wrap-up (advice outcome still to come).
    const wrap = await requestOk(ali, 'call:request', callRequest('line-cardiology'));
    await requestOk(patel, 'call:accept', { callId: wrap.id });
    await requestOk(ali, 'call:hangup', { callId: wrap.id });
    // 3. A connected call whose parties will not come back.
    const live = await requestOk(evans, 'call:request', callRequest('line-acute-medicine'));
    await requestOk(chen, 'call:accept', { callId: live.id });
    // 4. A waiting call (nobody covers Haematology right now).
    const waiting = await requestOk(wright, 'call:request', callRequest('line-haematology', { urgency: 'urgent' }));
    expect(waiting.state).toBe('queued');

    closeAll(...sockets);
    await server.close({ keepData: true });
    server = await startTestServer({ ...store, timeScale: 0.02 });

    // Sessions survive: the old tokens still work. The waiting caller gets their call back.
    const w2 = await connectClient(server.url, wrightSession.token);
    sockets.push(w2.socket);
    expect(w2.ready.activeCall).toMatchObject({ id: waiting.id, state: 'queued', position: 1, urgency: 'urgent' });
    const p2 = await connectClient(server.url, patelSession.token);
    sockets.push(p2.socket);
    expect(p2.ready.presence).toBe('wrap_up');
    expect(p2.ready.activeCall).toMatchObject({ id: wrap.id, state: 'wrap_up' });
    // Passwords survive too.
    await signIn(server.url, 'nurse.ali', 'oncall-demo');

    // The connected call ends answered, in wrap-up, once the grace period passes without its parties.
    await withTestData(store, (data) => {
      const stateOf = async (id: string) => (await data.q().selectFrom('calls').select('state').where('id', '=', id).executeTakeFirst())?.state;
      return eventually(async () => (await stateOf(live.id)) === 'wrap_up', 3000, 'connected call in wrap-up');
    });
    // The waiting call's caller came back in time, so it is still waiting.
    expect((await requestOk(w2.socket, 'call:get', { callId: waiting.id })).state).toBe('queued');

    // Outcomes stored before the restart are there, once; a resend is a duplicate; wrap-up can finish.
    const before = await requestOk(w2.socket, 'call:get', { callId: closed.id });
    expect(before).toMatchObject({ state: 'closed', adviceOutcome: { code: 'URGENT_REFERRAL' }, patientOutcome: { code: 'REFERRAL_NEEDED' } });
    expect(await requestOk(p2.socket, 'outcome:advice', advice)).toEqual({ outcomeId: advice.outcomeId, duplicate: true });
    await requestOk(p2.socket, 'outcome:advice', outcome(wrap.id, 'FOLLOW_UP_CALL'));
    expect((await requestOk(p2.socket, 'call:get', { callId: wrap.id })).state).toBe('closed');

    await withTestData(store, async (data) => {
      const outcomes = await data.q().selectFrom('outcomes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(outcomes.n).toBe(3);
      const lost = await data.q().selectFrom('calls').select(['end_reason', 'ended_at', 'answered_at']).where('id', '=', live.id).executeTakeFirstOrThrow();
      expect(lost.end_reason).toMatch(/^(caller|specialist)_lost$/);
      expect(lost.ended_at).toEqual(expect.any(Number));
      const details = await data.q().selectFrom('call_events').select('detail').where('call_id', '=', waiting.id).where('detail', 'like', 'server restarted%').orderBy('seq').execute();
      expect(details.map((d) => d.detail)).toEqual(['server restarted']);
    });
    await requestOk(w2.socket, 'call:cancel', { callId: waiting.id });
  });
});
