import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { collectEvents, connectClient, requestOk, signInAndConnect, waitForEvent } from '../support/clients.js';
import { availableSpecialist, callRequest, settled } from '../support/calls.js';
import { serverForFile } from '../support/test-server.js';

const t = serverForFile();

it('a request answered with the call’s view is not echoed to its own socket; the user’s other sockets and the other party still hear of it', async () => {
  const patel = await availableSpecialist(t.server.url, 'dr.patel');
  const patelOtherScreen = (await connectClient(t.server.url, patel.session.token)).socket;
  const caller = (await signInAndConnect(t.server.url, 'dr.wright')).socket;
  t.sockets.push(patel.socket, patelOtherScreen, caller);
  const here = collectEvents(patel.socket, 'call:updated');
  const there = collectEvents(patelOtherScreen, 'call:updated');
  const callerSaw = collectEvents(caller, 'call:updated');

  const ring = waitForEvent(patel.socket, 'call:ring');
  const call = await requestOk(caller, 'call:request', callRequest('line-cardiology'));
  await ring;
  const accepted = await requestOk(patel.socket, 'call:accept', { callId: call.id });
  const ended = await requestOk(patel.socket, 'call:hangup', { callId: call.id, reason: 'normal' });
  expect([accepted.state, ended.state]).toEqual(['connected', 'wrap_up']);
  await requestOk(patel.socket, 'outcome:advice', { outcomeId: randomUUID(), callId: call.id, code: 'ADVICE_MANAGE_IN_PLACE', enteredAt: Date.now() });
  await Promise.all([settled(patel.socket), settled(patelOtherScreen), settled(caller)]);

  const states = (views: { id: string; state: string }[]) => views.filter((v) => v.id === call.id).map((v) => v.state);
  // The outcome's acknowledgement is not a view, so the closed call still reaches this socket.
  expect(states(here)).toEqual(['closed']);
  expect(states(there)).toEqual(['connected', 'wrap_up', 'closed']);
  expect(states(callerSaw)).toEqual(expect.arrayContaining(['connected', 'wrap_up', 'closed']));
});

it('a caller who cancels gets the cancelled view in the reply, not again as an event', async () => {
  const caller = await signInAndConnect(t.server.url, 'gp.evans');
  const callerOtherTab = (await connectClient(t.server.url, caller.session.token)).socket;
  t.sockets.push(caller.socket, callerOtherTab);
  const here = collectEvents(caller.socket, 'call:updated');
  const there = collectEvents(callerOtherTab, 'call:updated');
  const call = await requestOk(caller.socket, 'call:request', callRequest('line-cardiology'));
  const cancelled = await requestOk(caller.socket, 'call:cancel', { callId: call.id });
  expect(cancelled.state).toBe('abandoned');
  await Promise.all([settled(caller.socket), settled(callerOtherTab)]);
  expect(here.filter((v) => v.state === 'abandoned')).toEqual([]);
  expect(there.filter((v) => v.state === 'abandoned')).toHaveLength(1);
});
