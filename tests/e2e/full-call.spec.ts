import { expect, test } from '@playwright/test';
import { requestOk, signInAndConnect } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { callStats, ecgPng, expectRising, fillQuery, goOnCall, openApp, shot, signInUI } from './helpers.js';

let server: TestServer;
test.beforeAll(async () => {
  server = await startTestServer({ webRoot: 'dist/web' });
});
test.afterAll(async () => {
  await server?.close();
});

test('a caller asks with a photo, the specialist answers, audio flows both ways, both outcomes are stored', async ({ browser }) => {
  const spec = await openApp(browser, server.url);
  await shot(spec.page, 'sign-in');
  await signInUI(spec.page, 'dr.patel');
  await goOnCall(spec.page);

  const caller = await openApp(browser, server.url);
  await signInUI(caller.page, 'gp.evans');
  await expect(caller.page.getByTestId('directory-entry').first()).toBeVisible();
  await expect(caller.page.getByTestId('directory-entry').filter({ hasText: 'Cardiology' }).getByTestId('available-count')).toHaveText(
    '1 specialist',
  );
  await shot(caller.page, 'caller-directory');
  await fillQuery(caller.page, {
    line: 'Cardiology',
    question: 'ECG attached: new T-wave inversion in V1–V3 on clozapine. Safe to continue, or refer today?',
    urgency: 'Urgent',
    photo: await ecgPng(),
  });
  await shot(caller.page, 'caller-query');
  await caller.page.getByTestId('place-query').click();
  await expect(caller.page.getByTestId('waiting')).toBeVisible();
  await expect(caller.page.getByTestId('position')).toHaveText('1');
  await shot(caller.page, 'caller-waiting');

  // The call rings for the specialist, with the photo fetched through the authenticated API.
  const item = spec.page.getByTestId('queue-item').first();
  await expect(item).toContainText('Dr Rhys Evans');
  await expect(item.getByTestId('answer')).toBeVisible();
  const thumb = item.getByTestId('call-photo');
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(spec.page).toHaveTitle('(1) Ringing — OnCall');
  await shot(spec.page, 'specialist-queue-ringing');

  await spec.page.keyboard.press('a'); // answer shortcut
  await expect(spec.page.getByTestId('in-call')).toBeVisible();
  await expect(caller.page.getByTestId('in-call')).toBeVisible();
  // The answer's reply stops the ring and makes them busy (the server sends this socket neither).
  await expect(spec.page).toHaveTitle('OnCall');
  await expect(spec.page.getByTestId('presence')).toHaveText('In a call');
  await expect(spec.page.getByTestId('media-state')).toHaveText('Audio connected', { timeout: 20_000 });
  await expect(caller.page.getByTestId('media-state')).toHaveText('Audio connected', { timeout: 20_000 });

  // Audio both ways: bytes arrive and the played-out energy rises on each side.
  for (const page of [spec.page, caller.page]) {
    await expectRising(page, 'bytesReceived', 1000);
    await expectRising(page, 'totalAudioEnergy', 0);
  }
  await expect(spec.page.getByTestId('quality')).not.toHaveText('Measuring connection…');
  await shot(spec.page, 'specialist-in-call');

  // Mute: the caller's received energy stops rising (while packets keep coming).
  await expect(spec.page.getByTestId('muted-banner')).toHaveCount(0);
  await spec.page.keyboard.press('m');
  await expect(spec.page.getByTestId('mute')).toHaveAttribute('aria-pressed', 'true');
  // Muted is said in words, with an icon, not only by the button's text.
  await expect(spec.page.getByTestId('muted-banner')).toHaveText(/You are muted — the other side cannot hear you/);
  await shot(spec.page, 'specialist-in-call-muted');
  const energyOverOneSecond = async () => {
    const a = (await callStats(caller.page))!.stats!;
    await caller.page.waitForTimeout(1000);
    const b = (await callStats(caller.page))!.stats!;
    return { energy: b.totalAudioEnergy - a.totalAudioEnergy, bytes: b.bytesReceived - a.bytesReceived };
  };
  // Once the jitter buffer has drained, silence: no energy, while packets keep coming.
  await expect.poll(async () => (await energyOverOneSecond()).energy, { timeout: 10_000, intervals: [0] }).toBeLessThan(1e-4);
  const quiet = await energyOverOneSecond();
  expect(quiet.energy).toBeLessThan(1e-4);
  expect(quiet.bytes).toBeGreaterThan(0);
  await spec.page.keyboard.press('m');
  await expect(spec.page.getByTestId('muted-banner')).toHaveCount(0);
  await expectRising(caller.page, 'totalAudioEnergy', 1e-4);

  // Hang up (shortcut), then both record outcomes.
  await spec.page.keyboard.press('h');
  await expect(spec.page.getByTestId('wrap-up')).toBeVisible();
  await expect(spec.page.getByTestId('presence')).toHaveText('Wrap-up');
  await expect(caller.page.getByTestId('outcome-patient')).toBeVisible();
  expect(await callStats(spec.page)).toBeNull();

  await spec.page.getByRole('radio', { name: 'Advice given, patient managed where they are' }).check();
  await spec.page.getByLabel('Topic (optional)').selectOption('ECG interpretation');
  await spec.page.getByLabel('Note (optional)').fill('Benign early repolarisation; repeat ECG in 1 week.');
  await shot(spec.page, 'specialist-wrap-up');
  await spec.page.getByTestId('save-outcome').click();
  await expect(spec.page.getByTestId('outbox-status')).toHaveText(/^Stored/);

  await caller.page.getByRole('radio', { name: 'Referral avoided' }).check();
  await caller.page.getByTestId('save-outcome').click();
  await expect(caller.page.getByTestId('outbox-status')).toHaveText(/^Stored/);

  await spec.page.getByTestId('outcome-done').click();
  await expect(spec.page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await expect(spec.page.getByTestId('queue-item')).toHaveCount(0); // the answered call left their list
  await expect(spec.page.getByTestId('presence')).not.toHaveText('Wrap-up');
  await spec.page.getByRole('button', { name: 'History' }).click();
  const row = spec.page.getByRole('row', { name: /Dr Rhys Evans/ });
  await expect(row).toContainText('Advice given, patient managed where they are (ECG interpretation)');
  await expect(row).toContainText('Referral avoided');

  // The server holds both outcomes with the call's timestamps.
  const { socket } = await signInAndConnect(server.url, 'dr.patel');
  try {
    const [call] = await requestOk(socket, 'history:list', { limit: 5 });
    expect(call).toBeDefined();
    expect(call!.state).toBe('closed');
    expect(call!.adviceOutcome).toMatchObject({ code: 'ADVICE_MANAGE_IN_PLACE', topic: 'ECG interpretation' });
    expect(call!.patientOutcome).toMatchObject({ code: 'AVOIDED_REFERRAL' });
    expect(call!.answeredAt).toBeGreaterThan(call!.createdAt);
    expect(call!.endedAt).toBeGreaterThan(call!.answeredAt!);
  } finally {
    socket.close();
  }
  expect([...spec.problems, ...caller.problems]).toEqual([]);
  await spec.context.close();
  await caller.context.close();
});
