import { expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { expectAccessible } from './axe.js';
import { callStats, goOnCall, openApp, placeQueryBySocket, shot, signInUI } from './helpers.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

test('a specialist signed in on two screens answers on one: the other shows the call but opens no microphone, and can still hang up', async ({ browser }) => {
  const desk = await openApp(browser, server.url);
  await signInUI(desk.page, 'dr.patel');
  await goOnCall(desk.page);
  const laptop = await openApp(browser, server.url);
  await signInUI(laptop.page, 'dr.patel');
  await expect(laptop.page.getByTestId('presence')).toHaveText('Available');

  const caller = await placeQueryBySocket(server.url);
  for (const { page } of [desk, laptop]) await expect(page.getByTestId('queue-item')).toHaveCount(1);

  await desk.page.getByTestId('answer').click();
  await expect(desk.page.getByTestId('in-call')).toBeVisible();
  await expect(desk.page.getByTestId('media-state')).not.toHaveText('Audio is on the screen that took the call');

  await expect(laptop.page.getByTestId('in-call')).toBeVisible();
  await expect(laptop.page.getByTestId('media-state')).toHaveText('Audio is on the screen that took the call');
  await expect(laptop.page.getByTestId('elsewhere-hint')).toBeVisible();
  await expect(laptop.page.getByTestId('mute')).toHaveCount(0);
  await expect(laptop.page.getByRole('status')).toContainText('Call connected. Its audio is on the screen that took the call.');
  await expect(laptop.page.getByTestId('presence')).toHaveText('In a call');
  // Only the screen that answered runs the call's audio engine (and so its microphone and peer).
  expect(await callStats(laptop.page)).toBeNull();
  expect(await callStats(desk.page)).not.toBeNull();
  await expectAccessible(laptop.page, 'in call, the audio on another screen');
  await shot(laptop.page, 'specialist-in-call-other-screen');

  await laptop.page.getByTestId('hangup').click();
  for (const { page } of [desk, laptop]) {
    await expect(page.getByTestId('wrap-up')).toBeVisible();
    await expect(page.getByTestId('presence')).toHaveText('Wrap-up');
  }

  caller.socket.close();
  await desk.context.close();
  await laptop.context.close();
});

test('a duplicated tab of the screen carrying a call shows the call but starts no second peer on that side', async ({ browser }) => {
  const desk = await openApp(browser, server.url);
  await signInUI(desk.page, 'dr.shah');
  await goOnCall(desk.page);
  const caller = await placeQueryBySocket(server.url, { username: 'dr.wright' });
  await expect(desk.page.getByTestId('queue-item')).toHaveCount(1);
  await desk.page.getByTestId('answer').click();
  await expect(desk.page.getByTestId('in-call')).toBeVisible();
  expect(await callStats(desk.page)).not.toBeNull();

  // The browser's "Duplicate tab": a new tab of the same page with a copy of its sessionStorage
  // (the session token, and the claim to carry this call's audio).
  const stored = await desk.page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  const copy = await desk.context.newPage();
  await copy.addInitScript((entries: string) => {
    for (const [k, v] of JSON.parse(entries) as [string, string][]) sessionStorage.setItem(k, v);
  }, stored);
  await copy.goto(desk.page.url());

  await expect(copy.getByTestId('in-call')).toBeVisible();
  await expect(copy.getByTestId('media-state')).toHaveText('Audio is on the screen that took the call');
  await expect(copy.getByTestId('mute')).toHaveCount(0);
  expect(await callStats(copy)).toBeNull();
  // The original keeps the call's audio, and its claim: reloading it later still resumes there.
  expect(await callStats(desk.page)).not.toBeNull();
  await expect(desk.page.getByTestId('media-state')).not.toHaveText('Audio is on the screen that took the call');
  expect(JSON.parse((await desk.page.evaluate(() => sessionStorage.getItem('oncall.own-call')))!)).toEqual({ callId: caller.call.id, userId: 'u-dr-shah' });
  expect(await copy.evaluate(() => sessionStorage.getItem('oncall.own-call'))).toBeNull();

  // The original reloaded (the copy still open, carrying nothing) asks too, hears no other tab
  // carrying the call, and takes up its audio again.
  await desk.page.reload();
  await expect(desk.page.getByTestId('in-call')).toBeVisible();
  await expect(desk.page.getByTestId('media-state')).not.toHaveText('Audio is on the screen that took the call');
  await expect.poll(() => callStats(desk.page)).not.toBeNull();
  expect(await callStats(copy)).toBeNull();

  caller.socket.close();
  await desk.context.close();
});
