import { statSync } from 'node:fs';

/** Debian's Chromium and the flags every browser test and benchmark launches it with; Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Null when CHROMIUM_PATH names a runnable file; otherwise one line saying how to get Chromium
 * (playwright.config.ts prints it and stops, instead of a launch stack trace for every test).
 */
export function chromiumMissing(path: string = CHROMIUM_PATH): string | null {
  try {
    const stat = statSync(path);
    if (stat.isFile() && (stat.mode & 0o111) !== 0) return null;
  } catch {
    // not there at all
  }
  return `Chromium not found at ${path} — install it with \`apt-get install chromium\`, or point CHROMIUM_PATH at a Chromium binary.`;
}
