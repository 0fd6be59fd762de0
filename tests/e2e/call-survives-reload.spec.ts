import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { expectAccessible } from './axe.js';
import { callStats, fillQuery, goOnCall, openApp, shot, signInUI, type App } from './helpers.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

/**
 * Audio arriving and played out now: counters rising over half a second. (Not expectRising: a side
 * that swaps its peer starts counting again from zero, so a reading taken before would be too high.)
 */
const flowing = async (page: Page) => {
  const before = (await callStats(page))?.stats;
  await page.waitForTimeout(500);
  const after = (await callStats(page))?.stats;
  return !!before && !!after && after.bytesReceived - before.bytesReceived > 500 && after.totalAudioEnergy > before.totalAudioEnergy;
};

const audioBothWays = async (pages: Page[]) => {
  for (const page of pages) {
    await expect(page.getByTestId('media-state')).toHaveText('Audio connected', { timeout: 20_000 });
    await expect.poll(() => flowing(page), { timeout: 20_000, intervals: [0] }).toBe(true);
  }
};

/**
 * A Cardiology consultant answers a caller's query from the web client; audio flows both ways.
 * Each test takes its own two users: a call hung up leaves both at its end (outcomes to record).
 */
async function connectedCall(
  browser: Parameters<typeof openApp>[0],
  { specialist, caller: callerName, oneBrowser = false }: { specialist: string; caller: string; oneBrowser?: boolean },
): Promise<{ spec: App; caller: App; callId: string }> {
  const spec = await openApp(browser, server.url);
  await signInUI(spec.page, specialist);
  await goOnCall(spec.page);
  // oneBrowser: two tabs of one browser, as in the README's "try it" (each tab keeps its own sign-in).
  const caller = oneBrowser ? await tabOf(spec) : await openApp(browser, server.url);
  await signInUI(caller.page, callerName);
  await fillQuery(caller.page, { line: 'Cardiology', question: 'Palpitations on quetiapine, QTc 470 ms. Stop it?', urgency: 'Urgent' });
  await caller.page.getByTestId('place-query').click();
  await spec.page.getByTestId('queue-item').first().getByTestId('answer').click();
  await audioBothWays([spec.page, caller.page]);
  return { spec, caller, callId: (await callStats(spec.page))!.callId };
}

async function tabOf(app: App): Promise<App> {
  const page = await app.context.newPage();
  await page.goto(server.url);
  return { context: app.context, page, problems: [] };
}

async function hangUpAndClose({ spec, caller }: { spec: App; caller: App }) {
  await spec.page.getByTestId('hangup').click();
  await expect(spec.page.getByTestId('wrap-up')).toBeVisible();
  await spec.context.close();
  await caller.context.close();
}

test('a call outlives the specialist reloading the app mid-call (the caller in another tab of the same browser): the same call, audio flowing both ways again, nobody sent to wrap-up', async ({ browser }) => {
  const call = await connectedCall(browser, { specialist: 'dr.patel', caller: 'gp.evans', oneBrowser: true });
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
  const call = await connectedCall(browser, { specialist: 'dr.shah', caller: 'dr.wright' });
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
