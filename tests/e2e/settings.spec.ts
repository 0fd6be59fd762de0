import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { openApp, shot, signInUI } from './helpers.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

const stored = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('oncall.settings.v1') ?? '{}') as Record<string, unknown>);
const ring = (page: Page) =>
  page.getByTestId('ring-sound').evaluate((el: HTMLAudioElement) => ({ volume: el.volume, paused: el.paused }));

test('ring volume and microphone are saved on this device, applied at once, and kept across a reload', async ({ browser }) => {
  const { context, page, problems } = await openApp(browser, server.url);
  await signInUI(page, 'dr.patel');
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  // Browser: no tray, so no start-minimised choice; the server is this page's address, read-only.
  await expect(page.getByLabel('Start minimised to the tray')).toHaveCount(0);
  await expect(page.getByLabel('Server address')).toHaveValue(server.url);
  await expect(page.getByLabel('Server address')).not.toBeEditable();

  // Keyboard: 80 % → 35 % in steps of 5; each step is saved and announced.
  const volume = page.getByRole('slider', { name: 'Ring volume' });
  await volume.focus();
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowLeft');
  await expect(volume).toHaveValue('35');
  await expect(page.getByTestId('ring-volume-value')).toHaveText('35 %');
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(page.locator('[aria-live="polite"]')).toHaveText(/^Saved/);
  expect((await stored(page)).ringVolume).toBe(0.35);

  // The test ring plays through the ring sound itself, at the new volume, then stops.
  expect(await ring(page)).toEqual({ volume: 0.35, paused: true });
  await page.getByRole('button', { name: 'Test ring' }).click();
  await expect.poll(() => ring(page)).toEqual({ volume: 0.35, paused: false });
  await expect.poll(() => ring(page), { timeout: 10_000 }).toEqual({ volume: 0.35, paused: true });

  // A fake capture device (not "System default") becomes the saved audioInputId.
  const mic = page.getByRole('combobox', { name: 'Microphone' });
  const fake = mic.locator('option:not([value=""])').first();
  await expect(fake).toBeAttached();
  const deviceId = await fake.getAttribute('value');
  expect(deviceId).toBeTruthy();
  await mic.selectOption(deviceId!);
  await expect.poll(async () => (await stored(page)).audioInputId).toBe(deviceId);
  await shot(page, 'specialist-settings');

  await page.reload();
  await expect(page.getByTestId('user-name')).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('slider', { name: 'Ring volume' })).toHaveValue('35');
  await expect(page.getByRole('combobox', { name: 'Microphone' })).toHaveValue(deviceId!);
  expect(await ring(page)).toEqual({ volume: 0.35, paused: true });

  expect(problems).toEqual([]);
  await context.close();
});
