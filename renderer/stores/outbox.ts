import { createStore } from 'zustand/vanilla';
import type { OutboxItem, OutcomeAck } from '../../signaling/protocol.js';
import { RequestError } from '../net/connection.js';
import type { Platform } from '../platform/platform.js';

/**
 * The durable outcome outbox. An outcome is written to the platform's outbox FIRST (electron-store
 * or localStorage), then sent; it leaves the outbox only on an ok acknowledgement (a duplicate
 * counts as ok: the server already holds it). Flushed at start, on every (re)connect, and with a
 * back-off after transient failures.
 */
export type OutboxStatus =
  | 'pending' // in the durable outbox, waiting for the server
  | 'sending'
  | 'stored' // acknowledged by the server and removed from the outbox
  | 'rejected'; // the server refused it; kept, retried on the next connect

export interface OutboxEntry {
  item: OutboxItem;
  status: OutboxStatus;
  error: string | null;
}

export interface OutboxState {
  entries: Record<string, OutboxEntry>;
  load(): Promise<void>;
  /** Resolves once the item is durably written (throws if that fails: nothing was saved), then sends it. */
  record(item: OutboxItem): Promise<void>;
  /** Sends every item still in the outbox; `includeRejected` on a fresh connection. */
  flush(opts?: { includeRejected?: boolean }): Promise<void>;
}

export interface OutboxDeps {
  outbox: () => Platform['outbox'];
  send(item: OutboxItem): Promise<OutcomeAck>;
  /** Schedules a retry; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export const RETRY_BASE_MS = 2000;
export const RETRY_MAX_MS = 30_000;

export function retryDelay(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

export const outboxId = (item: OutboxItem): string => item.payload.outcomeId;

export function createOutboxStore(deps: OutboxDeps) {
  let attempts = 0;
  let cancelRetry: (() => void) | null = null;

  return createStore<OutboxState>()((set, get) => {
    const patch = (id: string, p: Partial<OutboxEntry>) =>
      set((s) => {
        const entry = s.entries[id];
        return entry ? { entries: { ...s.entries, [id]: { ...entry, ...p } } } : {};
      });

    const scheduleRetry = () => {
      if (cancelRetry) return;
      attempts += 1;
      cancelRetry = deps.schedule(() => {
        cancelRetry = null;
        void get().flush();
      }, retryDelay(attempts));
    };

    /** One send attempt; returns true when it should be retried later. */
    const sendOne = async (id: string): Promise<boolean> => {
      const entry = get().entries[id];
      if (!entry || entry.status === 'sending' || entry.status === 'stored') return false;
      patch(id, { status: 'sending', error: null });
      try {
        await deps.send(entry.item);
      } catch (err) {
        const transient = !(err instanceof RequestError) || err.transient;
        patch(id, { status: transient ? 'pending' : 'rejected', error: err instanceof Error ? err.message : String(err) });
        return transient;
      }
      // Acknowledged (stored or duplicate): only now may it leave the durable outbox.
      try {
        await deps.outbox().remove(id);
      } catch {
        // Still on disk: it will be re-sent and acknowledged as a duplicate; harmless.
      }
      patch(id, { status: 'stored', error: null });
      return false;
    };

    return {
      entries: {},
      async load() {
        const items = await deps.outbox().list();
        set((s) => {
          const entries = { ...s.entries };
          for (const item of items) {
            const id = outboxId(item);
            entries[id] ??= { item, status: 'pending', error: null };
          }
          return { entries };
        });
      },
      async record(item) {
        await deps.outbox().put(item);
        const id = outboxId(item);
        set((s) => ({ entries: { ...s.entries, [id]: { item, status: 'pending', error: null } } }));
        // Durable now; sending goes on in the background so the form can say "saved" at once.
        void sendOne(id).then((retry) => {
          if (retry) scheduleRetry();
        });
      },
      async flush({ includeRejected = false } = {}) {
        if (includeRejected) {
          for (const [id, e] of Object.entries(get().entries)) if (e.status === 'rejected') patch(id, { status: 'pending' });
        }
        const due = Object.entries(get().entries)
          .filter(([, e]) => e.status === 'pending')
          .sort(([, a], [, b]) => a.item.queuedAt - b.item.queuedAt)
          .map(([id]) => id);
        let retry = false;
        for (const id of due) retry = (await sendOne(id)) || retry;
        if (retry) scheduleRetry();
        else if (!Object.values(get().entries).some((e) => e.status === 'pending')) attempts = 0;
      },
    };
  });
}

/** Items the server refused (kept, retried on the next connection), and the first refusal's reason. */
export function refusals(entries: Record<string, OutboxEntry>): { count: number; reason: string | null } {
  const refused = Object.values(entries).filter((e) => e.status === 'rejected');
  return { count: refused.length, reason: refused[0]?.error ?? null };
}

/** Items still waiting for the server (pending, sending or rejected). */
export function unsentCount(entries: Record<string, OutboxEntry>): number {
  return Object.values(entries).filter((e) => e.status !== 'stored').length;
}
