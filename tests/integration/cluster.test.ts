import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableSpecialist, callRequest, ringRecorder } from '../support/calls.js';
import { request, requestOk, signInAndConnect, waitForEvent, type ClientSocket } from '../support/clients.js';
import { addSpecialists, setLineRouting, withTestData } from '../support/db.js';
import { RoamingClient } from '../support/roaming-client.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { dropSchemaOf, freshSchemaUrl, TEST_STORE } from '../support/test-store.js';

const REDIS_URL = process.env.ONCALL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Three server processes (`npm run server`, each its own OS process) on one PostgreSQL schema and
 * Redis. The first to start holds the engine lease. PostgreSQL runs only: several processes need
 * the shared store.
 */
describe.skipIf(TEST_STORE !== 'postgres')('a cluster of server processes', () => {
  let databaseUrl = '';
  const procs: ServerProcess[] = [];
  const sockets: ClientSocket[] = [];
  const store = () => ({ dataDir: '', databaseUrl });
  const start = async () => {
    const p = await startServerProcess({ databaseUrl, redisUrl: REDIS_URL });
    procs.push(p);
    return p;
  };
  const keep = <T extends { socket: ClientSocket }>(c: T) => (sockets.push(c.socket), c);
  const advice = (callId: string, outcomeId = randomUUID()) => ({ outcomeId, callId, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
  const stored = (sql: { callId: string }) =>
    withTestData(store(), async (data) => ({
      outcomes: (await data.q().selectFrom('outcomes').select('id').where('call_id', '=', sql.callId).execute()).length,
      state: (await data.q().selectFrom('calls').select('state').where('id', '=', sql.callId).executeTakeFirstOrThrow()).state,
    }));

  beforeAll(async () => {
    databaseUrl = await freshSchemaUrl();
    await start(); // holds the engine lease
    await Promise.all([start(), start()]);
    expect((await engineHolder()) === procs[0]).toBe(true);
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(procs.map((p) => p.stop()));
    await dropSchemaOf(databaseUrl);
  }, 30_000);

  it('ten specialists spread over three processes accept at once: exactly one wins', async () => {
    const names = await addSpecialists(store(), 'line-paediatrics', 10, 'clu');
    const specialists = await Promise.all(names.map((n, i) => availableSpecialist(procs[i % 3]!.url, n).then(keep)));
    const rings = specialists.map((s) => ringRecorder(s.socket));
    const nurse = keep(await signInAndConnect(procs[1]!.url, 'nurse.ali'));
    const call = await requestOk(nurse.socket, 'call:request', callRequest('line-paediatrics'));
    await Promise.all(rings.map((r) => r.for(call.id)));
    const answers = await Promise.all(specialists.map((s) => request(s.socket, 'call:accept', { callId: call.id })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(Array(9).fill('already_taken'));
    const winner = specialists[answers.findIndex((a) => a.ok)]!;
    await requestOk(winner.socket, 'call:hangup', { callId: call.id });
    await requestOk(winner.socket, 'outcome:advice', advice(call.id));
    for (const s of specialists) await requestOk(s.socket, 'presence:set', { status: 'away' });
  });

  it('a caller on one process and a specialist on another complete a call, signals relayed between them', async () => {
    const chen = keep(await availableSpecialist(procs[2]!.url, 'dr.chen'));
    const wright = keep(await signInAndConnect(procs[0]!.url, 'dr.wright'));
    const rings = ringRecorder(chen.socket);
    const call = await requestOk(wright.socket, 'call:request', callRequest('line-acute-medicine'));
    await rings.for(call.id);
    await requestOk(chen.socket, 'call:accept', { callId: call.id });
    const atChen = waitForEvent(chen.socket, 'call:signal');
    expect(await requestOk(wright.socket, 'call:signal', { callId: call.id, data: { type: 'offer', sdp: 'v=0 across processes' } })).toEqual({ delivered: true });
    expect((await atChen).data).toEqual({ type: 'offer', sdp: 'v=0 across processes' });
    const atWright = waitForEvent(wright.socket, 'call:signal');
    await requestOk(chen.socket, 'call:signal', { callId: call.id, data: { type: 'answer', sdp: 'v=0 back' } });
    expect((await atWright).data).toEqual({ type: 'answer', sdp: 'v=0 back' });
    await requestOk(wright.socket, 'call:hangup', { callId: call.id });
    await requestOk(chen.socket, 'outcome:advice', advice(call.id));
    expect(await stored({ callId: call.id })).toEqual({ outcomes: 1, state: 'closed' });
  });

  it('kill -9 of the process holding the specialist’s socket (and the engine) mid-call: the call goes on after reconnecting, its outcome stored once', async () => {
    const [holder, second, third] = procs as [ServerProcess, ServerProcess, ServerProcess];
    const patel = keep(await availableSpecialist(holder.url, 'dr.patel'));
    const caller = keep(await signInAndConnect(third.url, 'nurse.ali'));
    const rings = ringRecorder(patel.socket);
    const call = await requestOk(caller.socket, 'call:request', callRequest('line-cardiology'));
    await rings.for(call.id);
    await requestOk(patel.socket, 'call:accept', { callId: call.id });

    await holder.crash();
    // The desktop app reconnects to another address it was given; the same session.
    const back = keep(await signInAndConnect(second.url, 'dr.patel'));
    expect(back.ready.activeCall).toMatchObject({ id: call.id, state: 'connected' });
    const atCaller = waitForEvent(caller.socket, 'call:signal');
    await requestOk(back.socket, 'call:signal', { callId: call.id, data: { type: 'restart' } });
    expect((await atCaller).data).toEqual({ type: 'restart' });

    await requestOk(back.socket, 'call:hangup', { callId: call.id });
    // The outbox sends the outcome again through another process: stored once.
    const outcome = advice(call.id);
    const [first, again] = await Promise.all([
      requestOk(back.socket, 'outcome:advice', outcome),
      (async () => requestOk(keep(await signInAndConnect(third.url, 'dr.patel')).socket, 'outcome:advice', outcome))(),
    ]);
    expect([first.duplicate, again.duplicate].sort()).toEqual([false, true]);
    expect(await stored({ callId: call.id })).toEqual({ outcomes: 1, state: 'closed' });
    procs.push(await start());
  }, 60_000);

  it('the engine holder killed while a call waits: its maximum wait still ends it once, on time', async () => {
    await setLineRouting(store(), 'line-haematology', { maxWaitSec: 6 });
    const holder = await engineHolder();
    const caller = keep(await signInAndConnect(live().find((p) => p !== holder)!.url, 'dr.wright'));
    const placed = Date.now();
    const call = await requestOk(caller.socket, 'call:request', callRequest('line-haematology'));
    const ended = waitForEvent(caller.socket, 'call:updated', (v) => v.id === call.id && v.state === 'unanswered', 20_000);
    await holder.crash();
    await ended;
    expect(Date.now() - placed).toBeLessThan(12_000);
    const endings = await withTestData(store(), (data) =>
      data.q().selectFrom('call_events').select('state').where('call_id', '=', call.id).where('state', '=', 'unanswered').execute(),
    );
    expect(endings).toHaveLength(1);
    procs.push(await start());
  }, 60_000);

  it('a rolling restart of every process in turn, under a steady stream of calls, drops no call', async () => {
    const urls = () => live().map((p) => p.url);
    const caller = new RoamingClient('gp.evans', urls);
    const murphy = new RoamingClient('dr.murphy', urls);
    await Promise.all([caller.connect(), murphy.connect()]);
    await murphy.ask('presence:set', { status: 'available' });
    const placed: string[] = [];
    let restarting = true;
    const stream = (async () => {
      while (restarting || placed.length < 3) {
        const call = await caller.ask('call:request', callRequest('line-diabetes'));
        placed.push(call.id);
        await murphy.ask('call:accept', { callId: call.id });
        await caller.ask('call:hangup', { callId: call.id });
        await murphy.ask('outcome:advice', advice(call.id));
      }
    })();
    for (const old of live()) {
      await start();
      await new Promise((r) => setTimeout(r, 700));
      await old.stop();
    }
    restarting = false;
    await stream;
    caller.close();
    murphy.close();
    for (const callId of placed) expect(await stored({ callId })).toEqual({ outcomes: 1, state: 'closed' });
    expect(placed.length).toBeGreaterThanOrEqual(3);
  }, 120_000);

  function live(): ServerProcess[] {
    return procs.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
  }

  /** The process that runs the call engine, as its health check says. */
  async function engineHolder(): Promise<ServerProcess> {
    for (const p of live()) if (((await (await fetch(`${p.url}/api/health`)).json()) as { engine: boolean }).engine) return p;
    throw new Error('no process runs the call engine');
  }
});
