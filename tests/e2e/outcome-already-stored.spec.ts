import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { requestOk, signInAndConnect } from '../support/clients.js';
import { availableSpecialist, ringRecorder } from '../support/calls.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { fillQuery, openApp, signInUI } from './helpers.js';

/**
 * The server's call view says whether a side's outcome is already recorded. After a reload, or on
 * another device, that outcome is shown as stored; the form (whose second save the server would
 * refuse) is not offered again.
 */
let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

test('after a reload the caller sees the patient outcome it already saved, not the form', async ({ browser }) => {
  const spec = await availableSpecialist(server.url, 'dr.patel');
  const { page, context } = await openApp(browser, server.url);
  try {
    await signInUI(page, 'nurse.ali');
    await fillQuery(page, { line: 'Cardiology', question: 'Syncope on the ward, on citalopram. ECG?' });
    await page.getByTestId('place-query').click();
    await expect(page.getByTestId('waiting')).toBeVisible();
    const [call] = await requestOk(spec.socket, 'queue:list', {});
    await requestOk(spec.socket, 'call:accept', { callId: call!.callId });
    await expect(page.getByTestId('in-call')).toBeVisible();
    await requestOk(spec.socket, 'call:hangup', { callId: call!.callId, reason: 'normal' });

    await page.getByRole('radio', { name: 'Other' }).check();
    await page.getByLabel(/^Note/).fill('Sent to ED by ambulance.');
    await page.getByTestId('save-outcome').click();
    await expect(page.getByTestId('outbox-status')).toHaveText(/^Stored/);

    // The specialist has not finished wrap-up, so the call is still live for the caller after a reload.
    await page.reload();
    const outcome = page.getByTestId('outcome-patient');
    await expect(outcome).toContainText('Other');
    await expect(outcome).toContainText('Sent to ED by ambulance.');
    await expect(page.getByTestId('outbox-status')).toHaveText(/^Stored/);
    await expect(page.getByTestId('save-outcome')).toHaveCount(0);
    await page.getByTestId('outcome-done').click();
    await expect(page.getByRole('button', { name: 'Ask a question to Cardiology' })).toBeVisible();
  } finally {
    spec.socket.close();
    await context.close();
  }
});

test('an advice outcome saved on another device replaces the form with what was stored', async ({ browser }) => {
  const spec = await availableSpecialist(server.url, 'dr.shah');
  const caller = await signInAndConnect(server.url, 'gp.evans');
  const rings = ringRecorder(spec.socket);
  const { page, context } = await openApp(browser, server.url);
  try {
    const call = await requestOk(caller.socket, 'call:request', {
      requestId: randomUUID(),
      lineId: 'line-cardiology',
      question: 'New AF, rate 130, on lithium. Anticoagulate?',
      urgency: 'soon',
      patient: { ageBand: 'adult_18_64', setting: 'primary_care' },
    });
    await rings.for(call.id);
    await requestOk(spec.socket, 'call:accept', { callId: call.id });
    await requestOk(spec.socket, 'call:hangup', { callId: call.id, reason: 'normal' });

    // The same specialist on a second device: the call is in wrap-up there too.
    await signInUI(page, 'dr.shah');
    await expect(page.getByTestId('save-outcome')).toBeVisible();

    // The first device saves the outcome: the second shows it as stored and lets them go back.
    await requestOk(spec.socket, 'outcome:advice', {
      outcomeId: randomUUID(),
      callId: call.id,
      code: 'ADVICE_MANAGE_IN_PLACE',
      topic: 'Anticoagulation',
      note: 'Start apixaban; check lithium level.',
      enteredAt: Date.now(),
    });
    const outcome = page.getByTestId('outcome-advice');
    await expect(outcome).toContainText('Advice given, patient managed where they are');
    await expect(outcome).toContainText('Anticoagulation');
    await expect(outcome).toContainText('Start apixaban; check lithium level.');
    await expect(page.getByTestId('outbox-status')).toHaveText(/^Stored/);
    await expect(page.getByTestId('save-outcome')).toHaveCount(0);
    await page.getByTestId('outcome-done').click();
    await expect(page.getByRole('heading', { name: 'Queue' })).toBeVisible();
  } finally {
    spec.socket.close();
    caller.socket.close();
    await context.close();
  }
});
