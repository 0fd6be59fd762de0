import { expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { expectAccessible } from './axe.js';
import { audioBothWays, callStats, connectedCall as connected, shot, type App } from './helpers.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

async function hangUpAndClose({ spec, caller }: { spec: App; caller: App }) {
  await spec.page.getByTestId('hangup').click();
  await expect(spec.page.getByTestId('wrap-up')).toBeVisible();
  await spec.context.close();
  await caller.context.close();
}

test('a call outlives the specialist reloading the app mid-call (the caller in another tab of the same browser): the same call, audio flowing both ways again, nobody sent to wrap-up', async ({ browser }) => {
  const call = await connected(browser, server.url, { specialist: 'dr.patel', caller: 'gp.evans', oneBrowser: true });
  const { spec, caller } = call;

  await spec.page.reload();
  await expect(spec.page.getByTestId('in-call')).toBeVisible();
  await audioBothWays([spec.page, caller.page]);
  // The same call, still connected on both sides: nobody was sent to wrap-up.
  expect((await callStats(spec.page))!.callId).toBe(call.callId);
  expect((await callStats(caller.page))!.callId).toBe(call.callId);
  await expect(caller.page.getByTestId('in-call')).toBeVisible();
  await expect(caller.page.getByRole('alert')).toHaveCount(0);

  await hangUpAndClose(call);
});

test('a call outlives the caller\'s page going away and coming back: the specialist sees "Reconnecting audio…", then audio flows both ways again', async ({ browser }) => {
  const call = await connected(browser, server.url, { specialist: 'dr.shah', caller: 'dr.wright' });
  const { spec, caller } = call;

  // The caller's tab leaves the page (as a reload does, but stays away until told to come back).
  await caller.page.goto('about:blank');
  await expect(spec.page.getByTestId('media-state')).toHaveText('Reconnecting audio…');
  await expect(spec.page.getByRole('status')).toHaveText('Call audio lost. Reconnecting.');
  await expect(spec.page.getByTestId('in-call')).toBeVisible();
  await expectAccessible(spec.page, 'in call, reconnecting audio');
  await shot(spec.page, 'specialist-in-call-reconnecting');

  await caller.page.goto(server.url);
  await expect(caller.page.getByTestId('in-call')).toBeVisible();
  await audioBothWays([spec.page, caller.page]);
  await expect(spec.page.getByRole('status')).toHaveText('Call audio back.');
  expect((await callStats(caller.page))!.callId).toBe(call.callId);

  await hangUpAndClose(call);
});
