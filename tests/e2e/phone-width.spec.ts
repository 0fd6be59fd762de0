import { expect, test, type Page } from '@playwright/test';
import { availableSpecialist } from '../support/calls.js';
import { requestOk } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { expectAccessible } from './axe.js';
import { ecgPng, fillQuery, shot, signInUI } from './helpers.js';

/** A common phone (iPhone 12–15): every caller screen must fit it. */
const PHONE = { width: 390, height: 844 };

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

/** The page is no wider than the screen, and every button or field a thumb must hit is at least 44 px tall. */
async function fitsPhone(page: Page, screen: string) {
  const { scrollWidth, small } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    small: [...document.querySelectorAll<HTMLElement>('button, input:not([type=radio]):not([type=checkbox]):not([type=file]), select, textarea, a.btn, label.code-option, label.urgency-option')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ what: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim().slice(0, 30)}"`, h: el.getBoundingClientRect().height }))
      .filter((t) => t.h < 44),
  }));
  expect(scrollWidth, `${screen}: page wider than the phone`).toBeLessThanOrEqual(PHONE.width);
  expect(small, `${screen}: tap targets under 44 px`).toEqual([]);
}

test('every caller screen fits a 390 px phone without sideways scrolling, with tap targets of at least 44 px', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, permissions: ['microphone'], isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await fitsPhone(page, 'sign-in');
  await signInUI(page, 'nurse.ali');
  await shot(page, 'phone-caller-directory');
  await fitsPhone(page, 'directory');
  await expectAccessible(page, 'directory at phone width');

  await fillQuery(page, { line: 'Cardiology', question: 'Palpitations on clozapine; ECG attached, QTc 490 ms. Continue?', urgency: 'Urgent', photo: await ecgPng() });
  await shot(page, 'phone-caller-query');
  await fitsPhone(page, 'query');

  const patel = await availableSpecialist(server.url, 'dr.patel');
  await page.getByTestId('place-query').click();
  await expect(page.getByTestId('waiting')).toBeVisible();
  await shot(page, 'phone-caller-waiting');
  await fitsPhone(page, 'waiting');

  const queue = await requestOk(patel.socket, 'queue:list', {});
  const callId = queue[0]!.callId;
  await requestOk(patel.socket, 'call:accept', { callId });
  await expect(page.getByTestId('in-call')).toBeVisible();
  await shot(page, 'phone-caller-in-call');
  await fitsPhone(page, 'in call');
  await expectAccessible(page, 'in call at phone width');

  await requestOk(patel.socket, 'call:hangup', { callId, reason: 'normal' });
  await expect(page.getByTestId('outcome-patient')).toBeVisible();
  await shot(page, 'phone-caller-outcome');
  await fitsPhone(page, 'patient outcome');
  patel.socket.close();
  await context.close();
});
