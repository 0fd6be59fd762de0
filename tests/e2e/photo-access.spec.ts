import { expect, test } from '@playwright/test';
import { API } from '../../signaling/protocol.js';
import { DEMO_PASSWORD, signIn } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { ecgPng, openApp, placeQueryBySocket, signInUI } from './helpers.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

test('a bad file gets a clear error; a photo is seen by the caller and the line’s specialists only (403 for others)', async ({
  browser,
}) => {
  const { page, context } = await openApp(browser, server.url);
  await signInUI(page, 'gp.evans');
  await page.getByRole('button', { name: 'Ask a question to Cardiology' }).click();
  const input = page.getByTestId('photo-input');
  await input.setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await expect(page.getByTestId('photo-error')).toHaveText('Only JPEG or PNG photos can be attached.');
  await input.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not really a PNG') });
  await expect(page.getByTestId('photo-error')).toBeVisible();
  const upload = page.waitForResponse((r) => r.url().endsWith(API.photos) && r.status() === 201);
  await input.setInputFiles({ name: 'ecg.png', mimeType: 'image/png', buffer: await ecgPng() });
  const { photoId } = (await (await upload).json()) as { photoId: string };
  await expect(page.getByTestId('photo-status')).toHaveText('Attached');
  await context.close();

  const caller = await placeQueryBySocket(server.url, { photoId, question: 'Rash after starting lamotrigine — photo attached.' });
  const statusFor = async (username: string | null) => {
    const headers: Record<string, string> = {};
    if (username) headers.authorization = `Bearer ${(await signIn(server.url, username, DEMO_PASSWORD)).token}`;
    return (await fetch(`${server.url}${API.photos}/${photoId}`, { headers })).status;
  };
  expect(await statusFor('gp.evans')).toBe(200); // the caller who took it
  expect(await statusFor('dr.shah')).toBe(200); // covers Cardiology, where the call waits
  expect(await statusFor('nurse.ali')).toBe(403); // another caller
  expect(await statusFor('dr.lindqvist')).toBe(403); // a specialist of another line
  expect(await statusFor(null)).toBe(401);
  caller.socket.close();
});
