import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath } from '../../electron/electron-binary.js';
import type { TestServer } from '../support/test-server.js';

/**
 * The real desktop shell (dist-electron/main.js, built by `npm run build`) against the real server:
 * the sign-in screen loads from app://oncall with the bridge and no Node, and signing in as a
 * specialist reaches the on-call toggle.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = electronBinaryPath();
const binaryAvailable = binary !== null;

test.describe('desktop shell smoke', () => {
  test.skip(!binaryAvailable, 'Electron binary not installed here (its download is blocked); run on a machine with network access');

  let server: TestServer;
  let userData: string;
  let app: ElectronApplication | undefined;

  test.beforeAll(async () => {
    // Imported here so that a skipped run never loads the server.
    const { startTestServer } = await import('../support/test-server.js');
    server = await startTestServer();
    userData = await mkdtemp(join(tmpdir(), 'oncall-electron-'));
  });

  test.afterAll(async () => {
    await app?.close();
    await server?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  test('sign-in screen, then the on-call toggle after signing in as dr.patel', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({
      executablePath: binary ?? undefined,
      // Chromium refuses to start as root without --no-sandbox (CI containers).
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), join(root, 'dist-electron', 'main.js')],
      env: { ...env, ONCALL_SERVER_URL: server.url, ONCALL_USER_DATA_DIR: userData },
    });
    const page = await app.firstWindow();
    expect(page.url()).toMatch(/^app:\/\/oncall\//);

    const username = page.getByLabel('Username');
    await expect(username).toBeVisible();
    // The bridge is there; Node is not (the page's `process` is the bundler's polyfill, so `require` is the tell).
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer)).toBe('undefined');
    expect(await page.evaluate(() => (globalThis as { oncall?: { kind?: string } }).oncall?.kind)).toBe('desktop');

    await username.fill('dr.patel');
    await page.getByLabel('Password').fill('oncall-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const toggle = page.getByRole('region', { name: 'On-call status' }).getByRole('switch');
    await expect(toggle).toBeVisible();
  });
});
