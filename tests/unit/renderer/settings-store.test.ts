import { describe, expect, it } from 'vitest';
import { createBrowserPlatform } from '../../../renderer/platform/browser.js';
import { createSettingsStore, SAVED_TEXT, TEST_RING_MS } from '../../../renderer/stores/settings.js';
import { MemoryStorage } from './fakes.js';

/** The settings store on a real browser platform (in-memory Storage); timers and announcements recorded. */
function harness(local = new MemoryStorage()) {
  const platform = () => createBrowserPlatform({ local, session: new MemoryStorage(), origin: 'http://x', setTitle: () => undefined });
  const said: string[] = [];
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const store = createSettingsStore({
    settings: () => platform().settings,
    announce: (text) => said.push(text),
    schedule: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  });
  const fire = () => timers.filter((t) => !t.cancelled).forEach((t) => t.fn());
  return { store, local, said, timers, fire, reloaded: () => platform().settings.get() };
}

describe('settings store', () => {
  it('applies a ring volume at once, keeps it across a reload and says "Saved"', async () => {
    const h = harness();
    await h.store.getState().save({ ringVolume: 0.35 });
    expect(h.store.getState()).toMatchObject({ ringVolume: 0.35, saveStatus: 'saved', error: null });
    expect(h.said).toEqual([SAVED_TEXT]);
    expect((await h.reloaded()).ringVolume).toBe(0.35);

    await h.store.getState().save({ startMinimised: true });
    expect(await h.reloaded()).toMatchObject({ ringVolume: 0.35, startMinimised: true });
  });

  it('says why a change was not kept when the device cannot save it', async () => {
    const h = harness();
    h.local.full = true;
    await h.store.getState().save({ ringVolume: 0.5 });
    const s = h.store.getState();
    expect(s.saveStatus).toBe('failed');
    expect(s.error).toMatch(/^Not saved: QuotaExceededError/);
    expect(h.said).toEqual([s.error]);
    // Still applied for this session (the ring follows it), but not stored.
    expect(s.ringVolume).toBe(0.5);
    h.local.full = false;
    expect((await h.reloaded()).ringVolume).toBe(0.8);
  });

  it('refuses an out-of-range volume without applying or storing it', async () => {
    const h = harness();
    await h.store.getState().save({ ringVolume: 1.5 });
    expect(h.store.getState()).toMatchObject({ saveStatus: 'failed', ringVolume: 0.8 });
    expect((await h.reloaded()).ringVolume).toBe(0.8);
  });

  it('reports a save done elsewhere (the device picker)', () => {
    const h = harness();
    h.store.getState().reportSave(null);
    expect(h.store.getState().saveStatus).toBe('saved');
    h.store.getState().reportSave('IPC closed');
    expect(h.store.getState().error).toMatch(/^Not saved: IPC closed/);
    expect(h.said).toEqual([SAVED_TEXT, h.store.getState().error]);
  });

  it('plays a test ring once; pressing again restarts it and the earlier timer cannot cut it short', () => {
    const h = harness();
    h.store.getState().testRing();
    const first = h.store.getState().testRun;
    expect(first).toBeGreaterThan(0);
    expect(h.timers[0]!.ms).toBe(TEST_RING_MS);

    h.store.getState().testRing();
    const second = h.store.getState().testRun;
    expect(second).not.toBe(first);
    expect(h.timers[0]!.cancelled).toBe(true);
    h.timers[0]!.fn(); // a late first timer
    expect(h.store.getState().testRun).toBe(second);

    h.fire();
    expect(h.store.getState().testRun).toBe(0);
  });
});
