import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventSchemas, type ClientEventName } from '../../signaling/protocol.js';
import { request, requestOk, signInAndConnect, type ClientSocket } from '../support/clients.js';
import { callRequest, closeAll } from '../support/calls.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let specialist: ClientSocket;
let caller: ClientSocket;
beforeAll(async () => {
  server = await startTestServer();
  specialist = (await signInAndConnect(server.url, 'dr.lindqvist')).socket;
  caller = (await signInAndConnect(server.url, 'dr.wright')).socket;
});
afterAll(async () => {
  closeAll(specialist, caller);
  await server.close();
});

const GENERIC_BAD: unknown[] = [undefined, null, 42, 'text', [], [1, 2], { unexpected: true }, { callId: { $ne: null } }];

/** Event-specific payloads that are nearly right: wrong enum, too long, bad id, bad uuid. */
const NEAR_MISSES: Partial<Record<ClientEventName, unknown[]>> = {
  'presence:set': [{ status: 'busy' }, { status: 'available', extra: 1 }],
  'call:request': [
    { ...callRequest('line-cardiology'), question: 'x'.repeat(1001) },
    { ...callRequest('line-cardiology'), question: '   ' },
    { ...callRequest('line-cardiology'), requestId: 'not-a-uuid' },
    { ...callRequest('line-cardiology'), urgency: 'whenever' },
    { ...callRequest('line-cardiology'), patient: { ageBand: 'adult_18_64', setting: 'acute_ward', nhsNumber: '9434765919' } },
    { ...callRequest('line-cardiology'), lineId: '../etc/passwd' },
  ],
  'call:accept': [{ callId: '' }, { callId: 'a'.repeat(65) }],
  'call:signal': [
    { callId: 'c1', data: { type: 'offer', sdp: 'x'.repeat(32_001) } },
    { callId: 'c1', data: { type: 'candidate', candidate: { candidate: 'x', evil: true } } },
    { callId: 'c1', data: { type: 'exploit' } },
  ],
  'call:hangup': [{ callId: 'c1', reason: 'because' }],
  'outcome:advice': [
    { outcomeId: randomUUID(), callId: 'c1', code: 'lower_case', enteredAt: Date.now() },
    { outcomeId: randomUUID(), callId: 'c1', code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: -1 },
    { outcomeId: 'dup', callId: 'c1', code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() },
  ],
  'outcome:patient': [{ outcomeId: randomUUID(), callId: 'c1', code: 'OTHER', note: 'x'.repeat(2001), enteredAt: Date.now() }],
  'history:list': [{ limit: 0 }, { limit: 501 }, { from: 'yesterday' }],
};

describe('malformed payloads', () => {
  const events = Object.keys(clientEventSchemas) as ClientEventName[];

  it.each(events)('%s: every malformed payload is refused with bad_request', async (event) => {
    const socket = event === 'call:request' || event === 'outcome:patient' ? caller : specialist;
    for (const payload of [...GENERIC_BAD, ...(NEAR_MISSES[event] ?? [])]) {
      const res = await request(socket, event, payload as never);
      expect(res, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      if (!res.ok) expect(res.error.message).toContain(event);
    }
  });

  it('ignores events without an acknowledgement, refuses unknown events and wrong argument counts, and keeps serving', async () => {
    const raw = caller as unknown as { emit(ev: string, ...args: unknown[]): void };
    for (const event of events) {
      raw.emit(event, {});
      raw.emit(event);
    }
    const unknown = await new Promise((resolve) => raw.emit('no:such:event', { x: 1 }, resolve));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'Unknown event "no:such:event".' } });
    // Names of the object's own prototype are not events either.
    expect(await new Promise((resolve) => raw.emit('toString', {}, resolve))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const extraArgs = await new Promise((resolve) => raw.emit('directory:list', {}, 'surplus', resolve));
    expect(extraArgs).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const ack = await new Promise((resolve) => raw.emit('queue:list', resolve));
    expect(ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Still serving both HTTP and sockets; nothing was stored.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect((await requestOk(caller, 'directory:list', {})).length).toBeGreaterThan(0);
    await withTestData(server, async (data) => {
      expect((await data.q().selectFrom('calls').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(0);
      expect((await data.q().selectFrom('outcomes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(0);
    });
    expect(caller.connected).toBe(true);
  });

  it('refuses specialist-only events from callers and unknown ids without leaking', async () => {
    expect(await request(caller, 'presence:set', { status: 'available' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(caller, 'queue:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(caller, 'call:get', { callId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await request(specialist, 'call:accept', { callId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
