import { createStore } from 'zustand/vanilla';
import type { OutboxItem } from '../../electron/bridge-contract.js';
import type { OutcomeAck } from '../../signaling/protocol.js';
import { RequestError } from '../net/connection.js';
import type { Platform } from '../platform/platform.js';

/**
 * The durable outcome outbox. An outcome is written to the platform's outbox FIRST (electron-store
 * or localStorage), then sent; it leaves the outbox only on an ok acknowledgement (a duplicate
 * counts as ok: the server already holds it). Flushed at start, on every (re)connect, and with a
 * back-off after transient failures.
 *
 * Ward PCs are shared, so the outbox may hold several users' outcomes: a session sends, counts and
 * shows only its `author`'s; the others stay untouched until their author signs in here again.
 * Items from before outbox items named their author are "unknown author" (see `mayFlush`).
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
  /** Every item on this device, whoever wrote it; read it through the selectors below. */
  entries: Record<string, OutboxEntry>;
  /** The signed-in user's id (null: nobody); only their items are sent and shown. */
  author: string | null;
  setAuthor(author: string | null): void;
  load(): Promise<void>;
  /**
   * Resolves once the item is durably written (throws if that fails: nothing was saved), then sends
   * it. The item must be the signed-in user's.
   */
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

/** The signed-in user wrote it. */
export const isOwn = (e: OutboxEntry, author: string | null): boolean => author !== null && e.item.authorId === author;

/**
 * What a session may send: its user's items, and items of unknown author (written before items
 * named their author), which the server accepts only from whoever they belong to.
 */
export const mayFlush = (e: OutboxEntry, author: string | null): boolean =>
  author !== null && (e.item.authorId === undefined || e.item.authorId === author);

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
      if (!entry || entry.status === 'sending' || entry.status === 'stored' || !mayFlush(entry, get().author)) return false;
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

    const due = (e: OutboxEntry) => e.status === 'pending' && mayFlush(e, get().author);

    return {
      entries: {},
      author: null,
      setAuthor(author) {
        if (author !== get().author) set({ author });
      },
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
        const author = get().author;
        if (author === null || item.authorId !== author) throw new Error('An outcome can only be recorded for the signed-in user.');
        await deps.outbox().put(item);
        const id = outboxId(item);
        set((s) => ({ entries: { ...s.entries, [id]: { item, status: 'pending', error: null } } }));
        // Durable now; sending goes on in the background so the form can say "saved" at once.
        void sendOne(id).then((retry) => {
          if (retry) scheduleRetry();
        });
      },
      async flush({ includeRejected = false } = {}) {
        const author = get().author;
        if (includeRejected) {
          for (const [id, e] of Object.entries(get().entries)) {
            if (e.status === 'rejected' && mayFlush(e, author)) patch(id, { status: 'pending' });
          }
        }
        const ids = Object.entries(get().entries)
          .filter(([, e]) => due(e))
          .sort(([, a], [, b]) => a.item.queuedAt - b.item.queuedAt)
          .map(([id]) => id);
        let retry = false;
        for (const id of ids) retry = (await sendOne(id)) || retry;
        if (retry) scheduleRetry();
        else if (!Object.values(get().entries).some(due)) attempts = 0;
      },
    };
  });
}

type OutboxView = Pick<OutboxState, 'entries' | 'author'>;

const own = (s: OutboxView) => Object.values(s.entries).filter((e) => isOwn(e, s.author));

/** The signed-in user's items the server refused (kept, retried on the next connection), and the first refusal's reason. */
export function refusals(s: OutboxView): { count: number; reason: string | null } {
  const refused = own(s).filter((e) => e.status === 'rejected');
  return { count: refused.length, reason: refused[0]?.error ?? null };
}

/** The signed-in user's items still waiting for the server (pending, sending or rejected). */
export function unsentCount(s: OutboxView): number {
  return own(s).filter((e) => e.status !== 'stored').length;
}

/** The outcome recorded on this device for a call side (pending or stored), if this session may see it. */
export function outcomeForCall(s: OutboxView, callId: string, kind: 'advice' | 'patient'): OutboxEntry | null {
  return (
    Object.values(s.entries).find((e) => e.item.kind === kind && e.item.payload.callId === callId && mayFlush(e, s.author)) ?? null
  );
}
