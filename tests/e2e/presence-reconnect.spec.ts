import { expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { goOnCall, openApp, placeQueryBySocket, signInUI } from './helpers.js';

/**
 * A specialist set to Away because a call rang unanswered is told why. A lost connection does not
 * change that on the server, so the notice stays after the app reconnects, until they choose again.
 */
let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Line timers at 3 % speed: Cardiology's 20 s ring time-out becomes 0.6 s.
const timeScale = 0.03;

test('the "not responding — set to Away" notice survives a reconnect', async ({ browser }) => {
  server = await startTestServer({ webRoot: 'dist/web', timeScale });
  const { page, context } = await openApp(browser, server.url);
  await signInUI(page, 'dr.patel');
  await goOnCall(page);
  const caller = await placeQueryBySocket(server.url);
  const notice = page.getByTestId('not-responding');
  await expect(notice).toBeVisible();
  caller.socket.close();

  // The connection drops and comes back (here: the server restarts on the same data and port).
  const { dataDir, port } = server;
  await server.close({ keepData: true });
  server = undefined;
  await expect(page.getByTestId('connection-banner')).toContainText('reconnecting');
  server = await startTestServer({ webRoot: 'dist/web', dataDir, port, timeScale });
  await expect(page.getByTestId('connection-banner')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('presence')).toHaveText('Away');
  await expect(notice).toBeVisible();

  // Choosing a status again is what clears it.
  await goOnCall(page);
  await expect(notice).toHaveCount(0);
  await context.close();
});
