import { OutboxItem } from './bridge-contract.js';
import type { KeyValueStore } from './stores.js';

/**
 * The durable outcome outbox: electron-store file `outbox.json`, written atomically on every
 * change, so an outcome survives a crash or restart until the server acknowledges it. Keyed by
 * outcomeId, so putting the same outcome twice keeps one copy. An entry that no longer validates
 * (hand-edited, older version) is moved to `quarantine` in the same file, never dropped.
 */

export type OutboxData = {
  items: Record<string, unknown>;
  quarantine: unknown[];
};

export const OUTBOX_STORE_OPTIONS = {
  name: 'outbox',
  defaults: { items: {}, quarantine: [] } satisfies OutboxData,
} as const;

export interface OutboxLog {
  warn(message: string): void;
}

export interface OutboxStore {
  list(): OutboxItem[];
  put(item: unknown): void;
  remove(outcomeId: string): void;
}

export function createOutboxStore(store: KeyValueStore<OutboxData>, log: OutboxLog): OutboxStore {
  const items = (): Record<string, unknown> => {
    const raw: unknown = store.get('items');
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  };

  return {
    list() {
      const all = items();
      const valid: OutboxItem[] = [];
      const invalid: unknown[] = [];
      for (const [key, raw] of Object.entries(all)) {
        const parsed = OutboxItem.safeParse(raw);
        if (parsed.success && parsed.data.payload.outcomeId === key) valid.push(parsed.data);
        else {
          invalid.push(raw);
          delete all[key];
        }
      }
      if (invalid.length > 0) {
        const quarantine: unknown = store.get('quarantine');
        store.set('quarantine', [...(Array.isArray(quarantine) ? quarantine : []), ...invalid]);
        store.set('items', all);
        log.warn(`outbox: ${invalid.length} unreadable entr${invalid.length === 1 ? 'y' : 'ies'} moved to quarantine`);
      }
      return valid.sort((a, b) => a.queuedAt - b.queuedAt || a.payload.outcomeId.localeCompare(b.payload.outcomeId));
    },
    put(item) {
      const valid = OutboxItem.parse(item);
      store.set('items', { ...items(), [valid.payload.outcomeId]: valid });
    },
    remove(outcomeId) {
      const all = items();
      if (!(outcomeId in all)) return;
      delete all[outcomeId];
      store.set('items', all);
    },
  };
}
