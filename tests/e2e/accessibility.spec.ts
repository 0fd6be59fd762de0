import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { expectAccessible } from './axe.js';
import { ecgPng, goOnCall, openApp, signInUI } from './helpers.js';

/**
 * Accessibility as a tested property: axe (WCAG 2.1 A/AA) on every main screen of one walk through
 * a call, and the keyboard path of a specialist: answer, hang up, record the outcome, back to the queue.
 */
let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

/** The focused element shows a focus ring (keyboard focus is never invisible). */
async function expectFocusRing(page: Page): Promise<void> {
  const ring = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'nothing focused';
    const style = getComputedStyle(el);
    return el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 ? 'ring' : `no ring on ${el.outerHTML.slice(0, 80)}`;
  });
  expect(ring).toBe('ring');
}

test('every main screen passes axe, and the keyboard path through a call keeps focus where it is useful', async ({ browser }) => {
  const spec = await openApp(browser, server.url);
  await expect(spec.page.getByLabel('Username')).toBeFocused();
  await expectAccessible(spec.page, 'sign-in');
  await signInUI(spec.page, 'dr.patel');
  await goOnCall(spec.page);

  const caller = await openApp(browser, server.url);
  await signInUI(caller.page, 'gp.evans');
  await expect(caller.page.getByTestId('directory-entry').first()).toBeVisible();
  await expectAccessible(caller.page, 'caller directory');

  await caller.page.getByRole('button', { name: 'Ask a question to Cardiology' }).click();
  await caller.page.getByTestId('place-query').click();
  await expect(caller.page.getByText('Please type your question.')).toBeVisible();
  await expect(caller.page.getByTestId('question')).toHaveAccessibleDescription(/Please type your question/);
  await expectAccessible(caller.page, 'caller query form with a validation error');
  await caller.page.getByTestId('question').fill('New T-wave inversion V1–V3 on clozapine. Continue or refer today?');
  await caller.page.getByTestId('photo-input').setInputFiles({ name: 'ecg.png', mimeType: 'image/png', buffer: await ecgPng() });
  await expect(caller.page.getByTestId('photo-status')).toHaveText('Attached');
  await caller.page.getByTestId('place-query').click();
  await expect(caller.page.getByTestId('waiting')).toBeVisible();
  await expect(caller.page.locator('#waiting-title')).toBeFocused();
  await expectAccessible(caller.page, 'caller waiting');

  const page = spec.page;
  await expect(page.getByTestId('answer')).toBeVisible();
  await expectAccessible(page, 'specialist queue, a call ringing');

  // Answer with A: focus moves to the in-call heading (who is on the line), with a visible ring.
  await page.keyboard.press('a');
  await expect(page.getByRole('heading', { name: 'Dr Rhys Evans' })).toBeFocused();
  await expectFocusRing(page);
  await expect(page.getByTestId('media-state')).toHaveText('Audio connected', { timeout: 20_000 });
  await expectAccessible(page, 'specialist in call');
  await expect(caller.page.getByTestId('in-call')).toBeVisible();
  await expectAccessible(caller.page, 'caller in call');

  // Tab reaches the photo, Mute, Hang up, each with a ring. Escape closes the photo (focus back on
  // it) and never ends the call.
  await page.keyboard.press('Tab');
  const photo = page.getByRole('button', { name: 'Show photo full size' });
  await expect(photo).toBeFocused();
  await expectFocusRing(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Photo' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(photo).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('mute')).toBeFocused();
  await expectFocusRing(page);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('hangup')).toBeFocused();
  await expectFocusRing(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('in-call')).toBeVisible();
  await expect(caller.page.getByTestId('in-call')).toBeVisible();

  // Hang up with H: focus lands on the wrap-up form's first outcome.
  await page.keyboard.press('h');
  await expect(page.getByTestId('wrap-up')).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeFocused();
  await expectFocusRing(page);
  await expectAccessible(page, 'specialist wrap-up');
  await expect(caller.page.getByTestId('outcome-patient')).toBeVisible();
  await expect(caller.page.getByRole('radio').first()).toBeFocused();
  await expectAccessible(caller.page, 'caller patient outcome form');

  // Space picks the focused outcome; Enter on Save; then the way back is focused; Enter returns to the queue.
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio').first()).toBeChecked();
  await page.getByTestId('save-outcome').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outbox-status')).toHaveText(/^Stored/);
  await expect(page.getByTestId('outcome-done')).toBeFocused();
  await expectAccessible(page, 'specialist outcome saved');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Queue/ })).toBeFocused();
  await expectFocusRing(page);
  await expect(page.getByTestId('presence')).toHaveText('Available');
  await expectAccessible(page, 'specialist queue, empty');

  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('row', { name: /Dr Rhys Evans/ })).toBeVisible();
  await expectAccessible(page, 'specialist history');

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('slider', { name: 'Ring volume' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Microphone' }).locator('option')).not.toHaveCount(1);
  await expectAccessible(page, 'specialist settings');

  const admin = await openApp(browser, server.url);
  await signInUI(admin.page, 'admin');
  await expect(admin.page.getByTestId('reports-view')).toBeVisible();
  await expect(admin.page.getByTestId('tile-answer-rate')).toContainText('1 answered');
  await expectAccessible(admin.page, 'admin reports');
  await admin.page.getByRole('button', { name: 'Administration' }).click();
  await expect(admin.page.getByTestId('admin-view')).toBeVisible();
  await expectAccessible(admin.page, 'admin administration');

  expect([...spec.problems, ...caller.problems, ...admin.problems]).toEqual([]);
  for (const app of [spec, caller, admin]) await app.context.close();
});
