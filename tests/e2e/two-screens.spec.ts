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
