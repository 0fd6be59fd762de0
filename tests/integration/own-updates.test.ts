import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { collectEvents, connectClient, requestOk, signInAndConnect, waitForEvent } from '../support/clients.js';
import { availableSpecialist, callRequest, settled } from '../support/calls.js';
import { serverForFile } from '../support/test-server.js';

const t = serverForFile();

/** dr.patel available on two screens (the desktop app and a browser tab), and a signed-in caller. */
async function patelOnTwoScreens(callerName: string) {
  const patel = await availableSpecialist(t.server.url, 'dr.patel');
  const patelOtherScreen = (await connectClient(t.server.url, patel.session.token)).socket;
  const caller = (await signInAndConnect(t.server.url, callerName)).socket;
  t.sockets.push(patel.socket, patelOtherScreen, caller);
  return { patel, patelOtherScreen, caller };
}

/** A caller on two tabs, and the call:updated each tab receives. */
async function callerOnTwoTabs(username: string) {
  const caller = await signInAndConnect(t.server.url, username);
  const callerOtherTab = (await connectClient(t.server.url, caller.session.token)).socket;
  t.sockets.push(caller.socket, callerOtherTab);
  return { caller, callerOtherTab, here: collectEvents(caller.socket, 'call:updated'), there: collectEvents(callerOtherTab, 'call:updated') };
}

it('every socket of both parties hears every change of their call, the socket whose request made it too', async () => {
  const { patel, patelOtherScreen, caller } = await patelOnTwoScreens('dr.wright');
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
  expect(states(here)).toEqual(['connected', 'wrap_up', 'closed']);
  expect(states(there)).toEqual(['connected', 'wrap_up', 'closed']);
  expect(states(callerSaw)).toEqual(expect.arrayContaining(['queued', 'connected', 'wrap_up', 'closed']));
});

it('a caller who cancels gets the cancelled view in the reply and as an event, on every tab', async () => {
  const { caller, callerOtherTab, here, there } = await callerOnTwoTabs('gp.evans');
  const call = await requestOk(caller.socket, 'call:request', callRequest('line-cardiology'));
  const cancelled = await requestOk(caller.socket, 'call:cancel', { callId: call.id });
  expect(cancelled.state).toBe('abandoned');
  await Promise.all([settled(caller.socket), settled(callerOtherTab)]);
  expect(here.filter((v) => v.state === 'abandoned')).toHaveLength(1);
  expect(there.filter((v) => v.state === 'abandoned')).toHaveLength(1);
});

it('the accepting socket and the specialist’s other screen both get the ring-stop and the busy, then wrap-up, presence', async () => {
  const { patel, patelOtherScreen, caller } = await patelOnTwoScreens('gp.evans');
  const stopsHere = collectEvents(patel.socket, 'call:ring-stop');
  const stopsThere = collectEvents(patelOtherScreen, 'call:ring-stop');
  const presenceHere = collectEvents(patel.socket, 'presence:changed');
  const presenceThere = collectEvents(patelOtherScreen, 'presence:changed');

  const rings = [waitForEvent(patel.socket, 'call:ring'), waitForEvent(patelOtherScreen, 'call:ring')];
  const call = await requestOk(caller, 'call:request', callRequest('line-cardiology'));
  await Promise.all(rings);
  await requestOk(patel.socket, 'call:accept', { callId: call.id });
  await requestOk(patel.socket, 'call:hangup', { callId: call.id, reason: 'normal' });
  await Promise.all([settled(patel.socket), settled(patelOtherScreen), settled(caller)]);

  for (const stops of [stopsHere, stopsThere]) expect(stops.filter((e) => e.callId === call.id)).toEqual([{ callId: call.id, reason: 'taken_by_you' }]);
  for (const presence of [presenceHere, presenceThere]) {
    expect(presence.map((e) => [e.status, e.reason])).toEqual([
      ['busy', 'in_call'],
      ['wrap_up', 'wrap_up'],
    ]);
  }
});

it('a caller’s every tab gets the new call and its place in the queue as the line changes', async () => {
  const { caller, callerOtherTab, here, there } = await callerOnTwoTabs('nurse.ali');
  // Nobody covering the line is signed in, so the call waits.
  const call = await requestOk(caller.socket, 'call:request', callRequest('line-paediatrics'));
  expect(call.state).toBe('queued');
  await Promise.all([settled(caller.socket), settled(callerOtherTab)]);
  for (const views of [here, there]) expect(views.filter((v) => v.id === call.id).at(-1)).toMatchObject({ state: 'queued', position: 1 });

  // A second, urgent call queues ahead of the first: the first caller's tabs are told their new place.
  const second = await signInAndConnect(t.server.url, 'dr.wright');
  t.sockets.push(second.socket);
  await requestOk(second.socket, 'call:request', { ...callRequest('line-paediatrics'), urgency: 'urgent' });
  await Promise.all([settled(caller.socket), settled(callerOtherTab)]);
  for (const views of [here, there]) expect(views.filter((v) => v.id === call.id).at(-1)).toMatchObject({ state: 'queued', position: 2 });

  await requestOk(caller.socket, 'call:cancel', { callId: call.id });
  await Promise.all([settled(caller.socket), settled(callerOtherTab), settled(second.socket)]);
  for (const views of [here, there]) expect(views.filter((v) => v.id === call.id).at(-1)?.state).toBe('abandoned');
});
