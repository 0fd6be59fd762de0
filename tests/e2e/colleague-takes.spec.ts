import { expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { goOnCall, openApp, placeQueryBySocket, signInUI } from './helpers.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

test('a call a colleague answers leaves the other specialist’s queue at once', async ({ browser }) => {
  const patel = await openApp(browser, server.url);
  await signInUI(patel.page, 'dr.patel');
  await goOnCall(patel.page);
  const shah = await openApp(browser, server.url);
  await signInUI(shah.page, 'dr.shah');
  await goOnCall(shah.page);

  const caller = await placeQueryBySocket(server.url);
  for (const { page } of [patel, shah]) {
    await expect(page.getByTestId('queue-item')).toHaveCount(1);
    await expect(page.getByTestId('answer')).toBeVisible();
  }
  await expect(patel.page).toHaveTitle('(1) Ringing — OnCall');
  // Away from the queue tab, the tab itself still says a call is ringing.
  await patel.page.getByRole('button', { name: /^History/ }).click();
  const queueTab = patel.page.getByRole('button', { name: /^Queue/ });
  await expect(queueTab).toHaveAccessibleName('Queue 1 waiting, 1 ringing for you');

  await shah.page.getByTestId('answer').click();
  await expect(shah.page.getByTestId('in-call')).toBeVisible();
  await expect(queueTab).toHaveAccessibleName('Queue');
  await queueTab.click();
  await expect(patel.page.getByTestId('queue-item')).toHaveCount(0);
  await expect(patel.page.getByText('No calls waiting.')).toBeVisible();
  await expect(patel.page).toHaveTitle('OnCall');
  await expect(patel.page.getByTestId('presence')).toHaveText('Available');

  caller.socket.close();
  await patel.context.close();
  await shah.context.close();
});
