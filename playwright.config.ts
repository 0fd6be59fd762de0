import { defineConfig } from '@playwright/test';
import { electronBinaryPath } from './electron/electron-binary.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from './tests/support/chromium.js';

// Every browser test runs Debian's Chromium (Playwright downloads none): without it, say how to get
// it in one line and stop (main process only), rather than failing each test with a launch error.
const noChromium = process.env.TEST_WORKER_INDEX === undefined ? chromiumMissing() : null;
if (noChromium !== null) {
  console.error(noChromium);
  process.exit(1);
}

// The list reporter does not print skip reasons; say once (main process only) why the desktop smoke test skips.
if (process.env.TEST_WORKER_INDEX === undefined && electronBinaryPath() === null) {
  console.log('Note: the Electron binary is not installed here (its download is blocked), so the desktop shell smoke test is skipped.');
}

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'web',
      testDir: 'tests/e2e',
      use: { launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } },
    },
    // Electron smoke tests skip themselves, saying why, where the Electron binary is missing.
    { name: 'electron', testDir: 'tests/e2e-electron' },
  ],
});
