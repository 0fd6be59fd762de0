import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { goOnCall, openApp, placeQueryBySocket, signInUI } from './helpers.js';

/**
 * The microphone must be released when a call ends, also when the user switched microphones a
 * moment before (the new device still opening as the call ends): a live track keeps the OS
 * microphone indicator on after hang-up.
 */
let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

/** Records every stream getUserMedia hands out; `__reviewGumDelayMs` makes the next openings slow. */
const TRACK_STREAMS = () => {
  const w = window as unknown as { __reviewStreams: MediaStream[]; __reviewGumDelayMs: number };
  w.__reviewStreams = [];
  w.__reviewGumDelayMs = 0;
  const md = navigator.mediaDevices;
  const original = md.getUserMedia.bind(md);
  md.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    w.__reviewStreams.push(stream);
    if (w.__reviewGumDelayMs > 0) await new Promise((r) => setTimeout(r, w.__reviewGumDelayMs));
    return stream;
  };
};

const liveTracks = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __reviewStreams: MediaStream[] }).__reviewStreams
      .flatMap((s) => s.getTracks())
      .filter((t) => t.readyState === 'live').length,
  );
const opened = (page: Page) => page.evaluate(() => (window as unknown as { __reviewStreams: MediaStream[] }).__reviewStreams.length);

test('hanging up while a newly chosen microphone is still opening leaves no microphone live', async ({ browser }) => {
  const spec = await openApp(browser, server.url);
  await spec.context.addInitScript(TRACK_STREAMS);
  await spec.page.reload();
  await signInUI(spec.page, 'dr.patel');
  await goOnCall(spec.page);

  const caller = await placeQueryBySocket(server.url);
  await spec.page.getByTestId('answer').click();
  await expect(spec.page.getByTestId('media-state')).toHaveText('Connecting audio…');
  expect(await liveTracks(spec.page)).toBe(1); // the call's microphone

  // Choose another microphone; it takes a while to open, and the call ends meanwhile.
  await spec.page.evaluate(() => {
    (window as unknown as { __reviewGumDelayMs: number }).__reviewGumDelayMs = 1500;
  });
  const mic = spec.page.getByLabel('Microphone');
  const other = await mic.locator('option').nth(1).getAttribute('value');
  expect(other).toBeTruthy();
  await mic.selectOption(other!);
  await expect.poll(() => opened(spec.page)).toBe(2);
  await spec.page.getByTestId('hangup').click();
  await expect(spec.page.getByTestId('wrap-up')).toBeVisible();

  // The slow device is live while it opens; once it has opened, the ended call must let it go.
  await expect.poll(() => liveTracks(spec.page), { timeout: 6000 }).toBe(0);
  expect(await opened(spec.page)).toBe(2);
  expect(spec.problems).toEqual([]);

  caller.socket.close();
  await spec.context.close();
});
