import { expect, test } from '@playwright/test';
import { requestOk, signInAndConnect } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { specialistAtWrapUp } from './helpers.js';

let server: TestServer;
test.afterAll(async () => {
  await server?.close();
});

test('an outcome saved while the server is down reaches it once it is back', async ({ browser }) => {
  server = await startTestServer({ webRoot: 'dist/web' });
  const { page, context, call: answered } = await specialistAtWrapUp(browser, server.url);

  // The server goes away; the specialist records the outcome anyway.
  const { dataDir, port } = server;
  await server.close({ keepData: true });
  await expect(page.getByTestId('connection-banner')).toContainText('reconnecting');
  await page.getByRole('radio', { name: 'Urgent referral or rapid-access clinic' }).check();
  await page.getByTestId('save-outcome').click();
  await expect(page.getByTestId('outbox-status')).toHaveText(/^Saved — waiting for the server/);
  const stored = await page.evaluate(() => localStorage.getItem('oncall.outbox.v1') ?? '');
  expect(stored).toContain(answered.id);

  // A new server on the same data and port: the app reconnects with its token and flushes.
  server = await startTestServer({ webRoot: 'dist/web', dataDir, port });
  await expect(page.getByTestId('outbox-status')).toHaveText(/^Stored/, { timeout: 20_000 });
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('oncall.outbox.v1') ?? '[]'))).toEqual([]);

  const { socket } = await signInAndConnect(server.url, 'dr.patel');
  try {
    const [call] = await requestOk(socket, 'history:list', { limit: 5 });
    expect(call?.id).toBe(answered.id);
    expect(call?.adviceOutcome?.code).toBe('URGENT_REFERRAL');
    expect(call?.state).toBe('closed');
  } finally {
    socket.close();
  }
  await context.close();
});
