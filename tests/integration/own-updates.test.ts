import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { presenceImpliedByReply } from '../../signaling/protocol.js';
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

it('a request answered with the call’s view is not echoed to its own socket; the user’s other sockets and the other party still hear of it', async () => {
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
  // The outcome's acknowledgement is not a view, so the closed call still reaches this socket.
  expect(states(here)).toEqual(['closed']);
  expect(states(there)).toEqual(['connected', 'wrap_up', 'closed']);
  expect(states(callerSaw)).toEqual(expect.arrayContaining(['connected', 'wrap_up', 'closed']));
});

it('a caller who cancels gets the cancelled view in the reply, not again as an event', async () => {
  const { caller, callerOtherTab, here, there } = await callerOnTwoTabs('gp.evans');
  const call = await requestOk(caller.socket, 'call:request', callRequest('line-cardiology'));
  const cancelled = await requestOk(caller.socket, 'call:cancel', { callId: call.id });
  expect(cancelled.state).toBe('abandoned');
  await Promise.all([settled(caller.socket), settled(callerOtherTab)]);
  expect(here.filter((v) => v.state === 'abandoned')).toEqual([]);
  expect(there.filter((v) => v.state === 'abandoned')).toHaveLength(1);
});

it('the accepting socket gets no ring-stop or busy presence, and the hanging-up socket no wrap-up presence: its reply implies them; the specialist’s other screen gets both', async () => {
  const { patel, patelOtherScreen, caller } = await patelOnTwoScreens('gp.evans');
  const stopsHere = collectEvents(patel.socket, 'call:ring-stop');
  const stopsThere = collectEvents(patelOtherScreen, 'call:ring-stop');
  const presenceHere = collectEvents(patel.socket, 'presence:changed');
  const presenceThere = collectEvents(patelOtherScreen, 'presence:changed');

  const rings = [waitForEvent(patel.socket, 'call:ring'), waitForEvent(patelOtherScreen, 'call:ring')];
  const call = await requestOk(caller, 'call:request', callRequest('line-cardiology'));
  await Promise.all(rings);
  const accepted = await requestOk(patel.socket, 'call:accept', { callId: call.id });
  const ended = await requestOk(patel.socket, 'call:hangup', { callId: call.id, reason: 'normal' });
  expect(presenceImpliedByReply(accepted, patel.session.user.id)).toEqual({ status: 'busy', reason: 'in_call' });
  expect(presenceImpliedByReply(ended, patel.session.user.id)).toEqual({ status: 'wrap_up', reason: 'wrap_up' });
  await Promise.all([settled(patel.socket), settled(patelOtherScreen), settled(caller)]);

  expect(stopsHere.filter((e) => e.callId === call.id)).toEqual([]);
  expect(stopsThere.filter((e) => e.callId === call.id)).toEqual([{ callId: call.id, reason: 'taken_by_you' }]);
  expect(presenceHere).toEqual([]);
  expect(presenceThere.map((e) => [e.status, e.reason])).toEqual([
    ['busy', 'in_call'],
    ['wrap_up', 'wrap_up'],
  ]);
});

it('a caller’s own socket gets the new call only as its reply; their other tab gets it as an event, and a re-publish with nothing new is not sent', async () => {
  const { caller, callerOtherTab, here, there } = await callerOnTwoTabs('nurse.ali');
  // Nobody covering the line is signed in, so the call waits: its line is re-published after the request.
  const call = await requestOk(caller.socket, 'call:request', callRequest('line-paediatrics'));
  expect(call.state).toBe('queued');
  await Promise.all([settled(caller.socket), settled(callerOtherTab)]);
  expect(here.filter((v) => v.id === call.id)).toEqual([]);
  expect(there.filter((v) => v.id === call.id)).toEqual([call]);

  // A second call queues behind the first: the line is re-published, the first call's view is
  // unchanged, so neither tab hears of it again. Its cancel reaches the other tab.
  const second = await signInAndConnect(t.server.url, 'dr.wright');
  t.sockets.push(second.socket);
  await requestOk(second.socket, 'call:request', callRequest('line-paediatrics'));
  await Promise.all([settled(caller.socket), settled(callerOtherTab)]);
  expect(here.filter((v) => v.id === call.id)).toEqual([]);

  // A third tab connects (it holds what session:ready gave it): the next re-publish goes to every tab.
  const thirdTab = (await connectClient(t.server.url, caller.session.token)).socket;
  const third = await signInAndConnect(t.server.url, 'gp.evans');
  t.sockets.push(thirdTab, third.socket);
  await requestOk(third.socket, 'call:request', callRequest('line-paediatrics'));
  await Promise.all([settled(caller.socket), settled(callerOtherTab), settled(thirdTab)]);
  expect(here.filter((v) => v.id === call.id).map((v) => v.state)).toEqual(['queued']);

  await requestOk(caller.socket, 'call:cancel', { callId: call.id });
  await Promise.all([settled(caller.socket), settled(callerOtherTab), settled(second.socket)]);
  expect(there.filter((v) => v.id === call.id).map((v) => v.state)).toEqual(['queued', 'queued', 'abandoned']);
});
