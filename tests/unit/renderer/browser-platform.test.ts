import { describe, expect, it } from 'vitest';
import { createBrowserPlatform, type BrowserHost } from '../../../renderer/platform/browser.js';
import { adviceItem, MemoryStorage, patientItem } from './fakes.js';

function host(local = new MemoryStorage(), session = new MemoryStorage()): BrowserHost & { title: string } {
  const h = {
    local,
    session,
    origin: 'http://127.0.0.1:4400',
    title: '',
    setTitle(t: string) {
      h.title = t;
    },
  };
  return h;
}

describe('browser platform', () => {
  it('keeps the outbox in local storage across a page reload', async () => {
    const local = new MemoryStorage();
    const first = createBrowserPlatform(host(local));
    const a = adviceItem();
    const b = patientItem();
    await first.outbox.put(a);
    await first.outbox.put(b);
    await first.outbox.put(a); // same outcomeId: replaced, not duplicated

    const reloaded = createBrowserPlatform(host(local));
    expect(await reloaded.outbox.list()).toEqual([b, a]);
    await reloaded.outbox.remove(b.payload.outcomeId);
    expect(await createBrowserPlatform(host(local)).outbox.list()).toEqual([a]);
  });

  it('never drops an entry it cannot parse', async () => {
    const local = new MemoryStorage();
    local.setItem('oncall.outbox.v1', JSON.stringify([{ kind: 'advice', junk: true }]));
    const p = createBrowserPlatform(host(local));
    const a = adviceItem();
    await p.outbox.put(a);
    expect(await p.outbox.list()).toEqual([a]);
    expect(JSON.parse(local.getItem('oncall.outbox.v1') ?? '[]')).toHaveLength(2);
  });

  it('refuses an invalid item and reports a full storage instead of losing it silently', async () => {
    const local = new MemoryStorage();
    const p = createBrowserPlatform(host(local));
    const bad = { ...adviceItem(), payload: { ...adviceItem().payload, outcomeId: 'not-a-uuid' } };
    await expect(p.outbox.put(bad)).rejects.toThrow();
    local.full = true;
    await expect(p.outbox.put(adviceItem())).rejects.toThrow(/Quota/);
  });

  it('keeps the token per tab (session storage), not in local storage', async () => {
    const h = host();
    const p = createBrowserPlatform(h);
    await p.token.set('t'.repeat(32));
    expect(await p.token.get()).toBe('t'.repeat(32));
    expect(h.local.length).toBe(0);
    await p.token.set(null);
    expect(await p.token.get()).toBeNull();
  });

  it('uses the page origin as server and remembers device settings', async () => {
    const local = new MemoryStorage();
    const p = createBrowserPlatform(host(local));
    expect(await p.serverUrl()).toBe('http://127.0.0.1:4400');
    expect(p.canChooseServer).toBe(false);
    await p.settings.set({ audioInputId: 'mic-2', ringVolume: 0.3 });
    const again = await createBrowserPlatform(host(local)).settings.get();
    expect(again).toMatchObject({ audioInputId: 'mic-2', ringVolume: 0.3, serverUrl: 'http://127.0.0.1:4400' });
    await expect(p.settings.set({ ringVolume: 7 })).rejects.toThrow();
  });

  it('shows the ringing count in the title and closes ring notifications', async () => {
    const closed: string[] = [];
    const h = host();
    const p = createBrowserPlatform({ ...h, setTitle: h.setTitle, notify: (n) => ({ close: () => closed.push(n.callId) }) });
    await p.setAttention({ ringing: 2, presence: 'available' });
    expect(h.title).toBe('(2) Ringing — OnCall');
    await p.notifyRing({ callId: 'c1', title: 't', body: 'b' });
    await p.clearRing('c1');
    await p.clearRing('c1');
    expect(closed).toEqual(['c1']);
    await p.setAttention({ ringing: 0, presence: 'available' });
    expect(h.title).toBe('OnCall');
  });

  it('holds the wake lock only while a call is active', async () => {
    let held = 0;
    const h = host();
    const p = createBrowserPlatform({
      ...h,
      wakeLock: async () => {
        held += 1;
        return { release: async () => void (held -= 1) };
      },
    });
    await p.setCallActive(true);
    await p.setCallActive(true);
    expect(held).toBe(1);
    await p.setCallActive(false);
    expect(held).toBe(0);
  });
});
