import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LineConfig, type Line } from '../../signaling/protocol.js';
import { request, requestOk, signIn, signInAndConnect, type ClientSocket } from '../support/clients.js';
import { availableSpecialist, callRequest, closeAll } from '../support/calls.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * An outcome is recorded against the codes and topics its call was placed with: an admin editing
 * the line meanwhile must not turn an outcome waiting in a client's outbox into one that is refused.
 */

const CARDIOLOGY = 'line-cardiology';
let server: TestServer;
let caller: ClientSocket;
let patel: ClientSocket;
beforeAll(async () => {
  server = await startTestServer();
  patel = (await availableSpecialist(server.url, 'dr.patel')).socket;
  caller = (await signInAndConnect(server.url, 'dr.wright')).socket;
});
afterAll(async () => {
  closeAll(caller, patel);
  await server.close();
});

async function answeredAndHungUp() {
  const call = await requestOk(caller, 'call:request', callRequest(CARDIOLOGY));
  await requestOk(patel, 'call:accept', { callId: call.id });
  return requestOk(patel, 'call:hangup', { callId: call.id }); // the specialist's view: their codes and topics
}

async function editCardiology(edit: (l: LineConfig) => LineConfig) {
  const { token } = await signIn(server.url, 'admin', 'oncall-demo');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const lines = (await (await fetch(`${server.url}/api/admin/lines`, { headers })).json()) as Line[];
  const { id: _id, providerOrgName: _name, ...config } = lines.find((l) => l.id === CARDIOLOGY)!;
  const res = await fetch(`${server.url}/api/admin/lines/${CARDIOLOGY}`, { method: 'PUT', headers, body: JSON.stringify(edit(LineConfig.parse(config))) });
  expect(res.status).toBe(200);
}

const advice = (callId: string, code: string, topic?: string) => ({
  outcomeId: randomUUID(),
  callId,
  code,
  enteredAt: Date.now(),
  ...(topic ? { topic } : {}),
});

it('accepts a code and topic the admin removed after the call was placed, and refuses them on later calls', async () => {
  const before = await answeredAndHungUp();
  expect(before.adviceOutcomes.map((d) => d.code)).toContain('ADVICE_MANAGE_IN_PLACE');

  await editCardiology((l) => ({
    ...l,
    adviceOutcomes: l.adviceOutcomes.filter((d) => d.code !== 'ADVICE_MANAGE_IN_PLACE'),
    topics: l.topics.filter((t) => t !== 'ECG interpretation'),
  }));

  const late = await request(patel, 'outcome:advice', advice(before.id, 'ADVICE_MANAGE_IN_PLACE', 'ECG interpretation'));
  expect(late).toEqual({ ok: true, data: expect.objectContaining({ duplicate: false }) });

  const after = await answeredAndHungUp();
  expect(after.adviceOutcomes.map((d) => d.code)).not.toContain('ADVICE_MANAGE_IN_PLACE');
  expect(after.topics).not.toContain('ECG interpretation');
  const removedCode = await request(patel, 'outcome:advice', advice(after.id, 'ADVICE_MANAGE_IN_PLACE'));
  expect(removedCode).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  const unknownTopic = await request(patel, 'outcome:advice', advice(after.id, 'URGENT_REFERRAL', 'Not a topic of this line'));
  expect(unknownTopic).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'topic' }] } });
  expect(await requestOk(patel, 'outcome:advice', advice(after.id, 'URGENT_REFERRAL', 'Anticoagulation'))).toMatchObject({ duplicate: false });
});

it('gives each party only the codes it records, and only once the call is answered', async () => {
  const placed = await requestOk(caller, 'call:request', callRequest(CARDIOLOGY));
  expect(placed).toMatchObject({ adviceOutcomes: [], patientOutcomes: [], topics: [] });
  const answered = await requestOk(patel, 'call:accept', { callId: placed.id });
  expect(answered.adviceOutcomes.map((d) => d.code)).toContain('URGENT_REFERRAL');
  expect(answered.topics).toContain('Anticoagulation');
  expect(answered.patientOutcomes).toEqual([]);
  const asCaller = await requestOk(caller, 'call:get', { callId: placed.id });
  expect(asCaller.patientOutcomes.length).toBeGreaterThan(0);
  expect(asCaller).toMatchObject({ adviceOutcomes: [], topics: [] });
  await requestOk(patel, 'call:hangup', { callId: placed.id });
  await requestOk(patel, 'outcome:advice', advice(placed.id, 'URGENT_REFERRAL', 'Anticoagulation'));
});
