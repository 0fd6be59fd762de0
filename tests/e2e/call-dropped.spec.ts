import { expect, test } from '@playwright/test';
import { RECONNECT_GRACE_MS } from '../../signaling/options.js';
import { withTestData } from '../support/db.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { expectAccessible } from './axe.js';
import { connectedCall, shot } from './helpers.js';

/** The reconnect grace (and the line timers) run at this fraction of real time: 6 s of grace. */
const TIME_SCALE = 0.4;

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web', timeScale: TIME_SCALE });
});
test.afterAll(async () => {
  await server?.close();
});

test('a caller who drops mid-call and does not come back: the specialist is told in plain words and records the advice given; the call counts as answered', async ({ browser }) => {
  const call = await connectedCall(browser, server.url, { specialist: 'dr.patel', caller: 'dr.wright' });
  const { spec, caller } = call;

  await caller.context.close();
  // While the grace runs, the call stays up on the specialist's side; past it, wrap-up says why.
  const dropped = spec.page.getByTestId('call-dropped');
  await expect(dropped).toBeVisible({ timeout: RECONNECT_GRACE_MS * TIME_SCALE + 15_000 });
  await expect(dropped).toHaveText(/^Dr Emma Wright’s connection was lost after \d+ s\. Please record the advice you gave\.$/);
  await expect(spec.page.getByTestId('wrap-up')).toBeVisible();
  await expectAccessible(spec.page, 'wrap-up after the caller was lost');
  await shot(spec.page, 'specialist-wrap-up-caller-lost');

  await spec.page.getByRole('radio', { name: 'Advice given, patient managed where they are' }).check();
  await spec.page.getByTestId('save-outcome').click();
  await expect(spec.page.getByTestId('outbox-status')).toHaveText(/^Stored/);
  await expect(spec.page.getByTestId('presence')).toHaveText('Available');
  await withTestData(server, async (data) => {
    expect(await data.q().selectFrom('calls').select(['state', 'end_reason']).where('id', '=', call.callId).executeTakeFirst()).toEqual({ state: 'closed', end_reason: 'caller_lost' });
  });
  await spec.context.close();
});
