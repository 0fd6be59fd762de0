import { expect, vi } from 'vitest';
import type { OutboxItem } from '../../../electron/bridge-contract.js';
import type { OutcomeAck } from '../../../signaling/protocol.js';
import { createBrowserPlatform } from '../../../renderer/platform/browser.js';
import { createOutboxStore } from '../../../renderer/stores/outbox.js';
import { AUTHOR, MemoryStorage } from './fakes.js';

/**
 * The outbox store on a real browser platform (in-memory Storage) with a server stand-in that
 * answers each send from a script of results. `author` is who is signed in (null: nobody).
 */
export function outboxHarness(local = new MemoryStorage(), author: string | null = AUTHOR) {
  const platform = createBrowserPlatform({ local, session: new MemoryStorage(), origin: 'http://x', setTitle: () => undefined });
  const sent: string[] = [];
  const script: (OutcomeAck | Error)[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const events: string[] = [];
  const outbox = {
    list: () => platform.outbox.list(),
    put: async (i: OutboxItem) => {
      events.push(`put ${i.payload.outcomeId}`);
      await platform.outbox.put(i);
    },
    remove: async (id: string) => {
      events.push(`remove ${id}`);
      await platform.outbox.remove(id);
    },
  };
  const store = createOutboxStore({
    outbox: () => outbox,
    send: async (item) => {
      sent.push(item.payload.outcomeId);
      events.push(`send ${item.payload.outcomeId}`);
      const next = script.shift() ?? { outcomeId: item.payload.outcomeId, duplicate: false };
      if (next instanceof Error) throw next;
      return next;
    },
    schedule: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return () => timers.splice(timers.indexOf(t), 1);
    },
  });
  store.getState().setAuthor(author);
  const settled = () => vi.waitFor(() => expect(Object.values(store.getState().entries).some((e) => e.status === 'sending')).toBe(false));
  /** What is in durable storage, by outcome id. */
  const storedIds = async () => (await platform.outbox.list()).map((i) => i.payload.outcomeId);
  return { store, platform, local, sent, script, timers, events, settled, storedIds };
}

export const id = (i: OutboxItem) => i.payload.outcomeId;
