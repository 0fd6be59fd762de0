import { expect, test } from '@playwright/test';
import { requestOk, signInAndConnect } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { goOnCall, signInUI, specialistAtWrapUp } from './helpers.js';

/**
 * A shared ward PC: an outcome one specialist could not send stays on the device for them. The next
 * user of the same browser neither sends it (the server would refuse it as not theirs) nor sees it;
 * when its author signs in again it reaches the server.
 */
let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

const OUTBOX_KEY = 'oncall.outbox.v1';

test("the next user on a shared PC does not send or see the previous user's unsent outcome; its author does", async ({ browser }) => {
  server = await startTestServer({ webRoot: 'dist/web' });
  const { page, context, call: answered } = await specialistAtWrapUp(browser, server.url);

  // The server is down while dr.patel records the outcome, then signs out, accepting the warning.
  const { dataDir, port } = server;
  await server.close({ keepData: true });
  server = undefined;
  await expect(page.getByTestId('connection-banner')).toContainText('reconnecting');
  await page.getByRole('radio', { name: 'Urgent referral or rapid-access clinic' }).check();
  await page.getByLabel(/^Note/).fill('Seen by Dr Patel: refer to rapid-access chest pain clinic.');
  await page.getByTestId('save-outcome').click();
  await expect(page.getByTestId('outbox-status')).toHaveText(/^Saved — waiting for the server/);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();

  // The server is back; dr.shah signs in on the same browser.
  server = await startTestServer({ webRoot: 'dist/web', dataDir, port });
  await signInUI(page, 'dr.shah');
  await expect(page.getByTestId('presence')).toHaveText('Away'); // session:ready handled, outbox flushed
  // Acknowledged after anything that flush sent on the same socket: a refusal would be showing by now.
  await goOnCall(page);
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('rapid-access chest pain clinic');
  const kept = await page.evaluate((key) => localStorage.getItem(key) ?? '', OUTBOX_KEY);
  expect(kept).toContain(answered.id); // not sent, not deleted

  page.once('dialog', (d) => void d.dismiss()); // there must be nothing to warn dr.shah about
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();

  // dr.patel signs in again: the outcome goes.
  await signInUI(page, 'dr.patel');
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '[]', OUTBOX_KEY), { timeout: 20_000 }).toBe('[]');
  const { socket } = await signInAndConnect(server.url, 'dr.patel');
  try {
    const [call] = await requestOk(socket, 'history:list', { limit: 5 });
    expect(call?.id).toBe(answered.id);
    expect(call?.adviceOutcome?.code).toBe('URGENT_REFERRAL');
    expect(call?.adviceOutcome?.note).toBe('Seen by Dr Patel: refer to rapid-access chest pain clinic.');
  } finally {
    socket.close();
  }
  await context.close();
});
