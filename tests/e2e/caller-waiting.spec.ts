import { expect, test } from '@playwright/test';
import { requestOk, signInAndConnect } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fillQuery, goOnCall, openApp, signInUI } from './helpers.js';

// Line timers run at 3 % speed: Cardiology's 300 s maximum wait becomes 9 s, its 20 s ring 0.6 s.
let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web', timeScale: 0.03 });
});
test.afterAll(async () => {
  await server?.close();
});

test('cancel while queued ends abandoned; past the maximum wait ends unanswered with a call-back', async ({ browser }) => {
  const { page, context } = await openApp(browser, server.url);
  await signInUI(page, 'nurse.ali');

  await fillQuery(page, { line: 'Cardiology', question: 'Chest pain on the ward, troponin pending. Transfer?' });
  await page.getByTestId('place-query').click();
  await expect(page.getByTestId('waiting')).toBeVisible();
  await page.getByTestId('cancel-query').click();
  await expect(page.getByTestId('call-ended')).toHaveAttribute('data-state', 'abandoned');
  await expect(page.getByRole('heading', { name: 'Query cancelled' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to the directory' }).click();

  // A specialist on call who lets the call ring out is set away, and told why.
  const spec = await openApp(browser, server.url);
  await signInUI(spec.page, 'dr.shah');
  await goOnCall(spec.page);

  await fillQuery(page, { line: 'Cardiology', question: 'Bradycardia 38 bpm on lithium, asymptomatic.' });
  await page.getByTestId('place-query').click();
  await expect(page.getByTestId('waiting')).toBeVisible();
  await expect(spec.page.getByTestId('presence')).toHaveText('Away');
  await expect(spec.page.getByTestId('not-responding')).toBeVisible();
  await expect(spec.page.getByTestId('oncall-toggle')).toHaveAttribute('aria-checked', 'false');
  await expect(page.getByTestId('call-ended')).toHaveAttribute('data-state', 'unanswered', { timeout: 20_000 });
  await expect(page.getByRole('heading', { name: 'No answer — call-back requested' })).toBeVisible();

  const { socket } = await signInAndConnect(server.url, 'nurse.ali');
  try {
    const calls = await requestOk(socket, 'history:list', { limit: 5 });
    expect(calls.map((c) => c.state).sort()).toEqual(['abandoned', 'unanswered']);
  } finally {
    socket.close();
  }
  await context.close();
  await spec.context.close();
});
