import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { requestOk, signInAndConnect } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { goOnCall, openApp, placeQueryBySocket, signInUI } from './helpers.js';

/**
 * The outbox on a shared ward PC: an outcome the server refuses must say so, with the reason, wherever
 * the user is (not only on that call's form) and must not hold up later outcomes; signing out with
 * outcomes the server does not have yet must not happen silently.
 */
let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OUTBOX_KEY = 'oncall.outbox.v1';

async function answerAndHangUp(page: import('@playwright/test').Page, url: string) {
  const caller = await placeQueryBySocket(url);
  await page.getByTestId('answer').click();
  await expect(page.getByTestId('in-call')).toBeVisible();
  await page.getByTestId('hangup').click();
  await expect(page.getByTestId('wrap-up')).toBeVisible();
  return caller;
}

test('a refused outcome is shown with its reason in the queue and does not hold up the next one', async ({ browser }) => {
  server = await startTestServer({ webRoot: 'dist/web' });
  const { page, context } = await openApp(browser, server.url);
  // dr.patel's outcome for a call that is not theirs (e.g. a mistyped call), so the server refuses it (forbidden).
  const foreign = {
    kind: 'advice',
    authorId: 'u-dr-patel',
    queuedAt: Date.now() - 60_000,
    payload: { outcomeId: randomUUID(), callId: 'call-of-someone-else', code: 'URGENT_REFERRAL', enteredAt: Date.now() - 60_000 },
  };
  await page.evaluate(([key, item]) => localStorage.setItem(key as string, JSON.stringify([item])), [OUTBOX_KEY, foreign] as const);
  await page.reload();
  await signInUI(page, 'dr.patel');
  await goOnCall(page);
  const refused = page.getByTestId('outbox-refused');
  await expect(refused).toContainText('refused by the server');
  await expect(refused).toContainText('Only the specialist who answered');
  await expect(page.getByTestId('connection-banner')).not.toContainText('waiting for the server');

  const caller = await answerAndHangUp(page, server.url);
  await page.getByRole('radio', { name: 'Urgent referral or rapid-access clinic' }).check();
  await page.getByTestId('save-outcome').click();
  await expect(page.getByTestId('outbox-status')).toHaveText(/^Stored/);
  await page.getByTestId('outcome-done').click();
  await expect(refused).toContainText('1 outcome was refused');
  const left = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as { payload: { outcomeId: string } }[], OUTBOX_KEY);
  expect(left.map((i) => i.payload.outcomeId)).toEqual([foreign.payload.outcomeId]); // kept, never dropped

  const { socket } = await signInAndConnect(server.url, 'dr.patel');
  try {
    const [call] = await requestOk(socket, 'history:list', { limit: 5 });
    expect(call?.id).toBe(caller.call.id);
    expect(call?.adviceOutcome?.code).toBe('URGENT_REFERRAL');
  } finally {
    socket.close();
    caller.socket.close();
  }
  await context.close();
});

test('signing out with an outcome the server does not have yet asks first, and keeps it on the device', async ({ browser }) => {
  server = await startTestServer({ webRoot: 'dist/web' });
  const { page, context } = await openApp(browser, server.url);
  await signInUI(page, 'dr.patel');
  await goOnCall(page);
  const caller = await answerAndHangUp(page, server.url);
  caller.socket.close();

  await server.close({ keepData: true });
  server = undefined;
  await expect(page.getByTestId('connection-banner')).toContainText('reconnecting');
  await page.getByRole('radio', { name: 'Urgent referral or rapid-access clinic' }).check();
  await page.getByTestId('save-outcome').click();
  await expect(page.getByTestId('outbox-status')).toHaveText(/^Saved — waiting for the server/);

  const prompts: string[] = [];
  page.once('dialog', (d) => {
    prompts.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => prompts.length).toBe(1);
  expect(prompts[0]).toContain('1 outcome has not reached the server');
  await expect(page.getByTestId('user-name')).toBeVisible(); // still signed in

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
  const kept = await page.evaluate((key) => localStorage.getItem(key) ?? '', OUTBOX_KEY);
  expect(kept).toContain(caller.call.id);
  await context.close();
});
