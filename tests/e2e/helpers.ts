import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { DEMO_PASSWORD, requestOk, signInAndConnect } from '../support/clients.js';

/** Shared steps for the web end-to-end specs: sign in through the UI, read call stats, etc. */

export const SCREENSHOT_DIR = 'docs/screenshots';

export interface App {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and CSP violations seen so far (a spec asserts none). */
  problems: string[];
}

export async function openApp(browser: Browser, url: string): Promise<App> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, permissions: ['microphone'] });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
  });
  await page.goto(url);
  return { context, page, problems };
}

export async function signInUI(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-name')).toBeVisible();
}

export async function goOnCall(page: Page): Promise<void> {
  await page.getByTestId('oncall-toggle').click();
  await expect(page.getByTestId('presence')).toHaveText('Available');
}

/** Picks a line in the directory, fills the query and (optionally) attaches a photo. */
export async function fillQuery(
  page: Page,
  opts: { line: string; question: string; urgency?: 'Urgent' | 'Soon' | 'Routine'; photo?: Buffer },
): Promise<void> {
  await page.getByRole('button', { name: `Ask a question to ${opts.line}` }).click();
  await page.getByTestId('question').fill(opts.question);
  if (opts.urgency) await page.getByRole('radio', { name: new RegExp(`^${opts.urgency}`) }).check();
  if (opts.photo) {
    await page.getByTestId('photo-input').setInputFiles({ name: 'ecg.png', mimeType: 'image/png', buffer: opts.photo });
    await expect(page.getByTestId('photo-status')).toHaveText('Attached');
  }
}

/** A small ECG-like strip rendered to PNG: a real image the server can re-encode. */
export async function ecgPng(): Promise<Buffer> {
  let d = 'M0 60';
  for (let x = 0; x < 400; x += 50) d += ` L${x + 18} 60 L${x + 22} 52 L${x + 25} 60 L${x + 29} 15 L${x + 33} 95 L${x + 37} 60 L${x + 50} 60`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120"><rect width="400" height="120" fill="#fff3f3"/>
    <path d="${d}" stroke="#b00020" stroke-width="2.5" fill="none"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export interface CallStats {
  callId: string;
  phase: string;
  muted: boolean;
  stats: { bytesReceived: number; totalAudioEnergy: number; bytesSent: number } | null;
}

export async function callStats(page: Page): Promise<CallStats | null> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __oncallCall?: { getStats(): Promise<unknown> } }).__oncallCall;
    return hook ? hook.getStats() : null;
  }) as Promise<CallStats | null>;
}

/** Waits until a received-audio counter has risen by more than `by` since now. */
export async function expectRising(page: Page, field: 'bytesReceived' | 'totalAudioEnergy', by = 0): Promise<void> {
  const start = (await callStats(page))?.stats?.[field] ?? 0;
  await expect
    .poll(async () => ((await callStats(page))?.stats?.[field] ?? 0) - start, { timeout: 15_000, intervals: [250] })
    .toBeGreaterThan(by);
}

/** Screenshots for docs/ are refreshed only on request: ONCALL_SCREENSHOTS=1 (keeps `npm test` from touching docs/). */
export async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.ONCALL_SCREENSHOTS) return;
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

/** A query placed through the real protocol by a caller without a browser (for specs about the specialist side). */
export async function placeQueryBySocket(
  url: string,
  opts: { username?: string; question?: string; photoId?: string } = {},
) {
  const { socket, session } = await signInAndConnect(url, opts.username ?? 'gp.evans');
  const call = await requestOk(socket, 'call:request', {
    requestId: randomUUID(),
    lineId: 'line-cardiology',
    question: opts.question ?? 'Palpitations on quetiapine; QTc 470 ms. Stop it?',
    urgency: 'soon',
    patient: { ageBand: 'adult_18_64', setting: 'mental_health_inpatient' },
    ...(opts.photoId ? { photoId: opts.photoId } : {}),
  });
  return { socket, session, call };
}

/** dr.patel goes on call and answers a query placed by socket, then hangs up: the page is left at wrap-up, the caller gone. */
export async function specialistAtWrapUp(browser: Browser, url: string) {
  const app = await openApp(browser, url);
  await signInUI(app.page, 'dr.patel');
  await goOnCall(app.page);
  const caller = await placeQueryBySocket(url);
  await app.page.getByTestId('answer').click();
  await expect(app.page.getByTestId('in-call')).toBeVisible();
  await app.page.getByTestId('hangup').click();
  await expect(app.page.getByTestId('wrap-up')).toBeVisible();
  caller.socket.close();
  return { ...app, call: caller.call };
}

/**
 * Audio arriving and played out now: counters rising over half a second. (Not expectRising: a side
 * that swaps its peer starts counting again from zero, so a reading taken before would be too high.)
 */
export const flowing = async (page: Page) => {
  const before = (await callStats(page))?.stats;
  await page.waitForTimeout(500);
  const after = (await callStats(page))?.stats;
  return !!before && !!after && after.bytesReceived - before.bytesReceived > 500 && after.totalAudioEnergy > before.totalAudioEnergy;
};

export const audioBothWays = async (pages: Page[]) => {
  for (const page of pages) {
    await expect(page.getByTestId('media-state')).toHaveText('Audio connected', { timeout: 20_000 });
    await expect.poll(() => flowing(page), { timeout: 20_000, intervals: [0] }).toBe(true);
  }
};

/**
 * A Cardiology consultant answers a caller's query from the web client; audio flows both ways.
 * Each test takes its own two users: a call hung up leaves both at its end (outcomes to record).
 */
export async function connectedCall(
  browser: Browser,
  url: string,
  { specialist, caller: callerName, oneBrowser = false }: { specialist: string; caller: string; oneBrowser?: boolean },
): Promise<{ spec: App; caller: App; callId: string }> {
  const spec = await openApp(browser, url);
  await signInUI(spec.page, specialist);
  await goOnCall(spec.page);
  // oneBrowser: two tabs of one browser, as in the README's "try it" (each tab keeps its own sign-in).
  const caller = oneBrowser ? await tabOf(spec, url) : await openApp(browser, url);
  await signInUI(caller.page, callerName);
  await fillQuery(caller.page, { line: 'Cardiology', question: 'Palpitations on quetiapine, QTc 470 ms. Stop it?', urgency: 'Urgent' });
  await caller.page.getByTestId('place-query').click();
  await spec.page.getByTestId('queue-item').first().getByTestId('answer').click();
  await audioBothWays([spec.page, caller.page]);
  return { spec, caller, callId: (await callStats(spec.page))!.callId };
}

async function tabOf(app: App, url: string): Promise<App> {
  const page = await app.context.newPage();
  await page.goto(url);
  return { context: app.context, page, problems: [] };
}
