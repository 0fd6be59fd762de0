import { create } from 'zustand';
import type { CallHistoryItem } from '../../signaling/protocol.js';
import { request } from '../net/connection.js';

export interface HistoryFilter {
  /** yyyy-mm-dd in local time, inclusive; '' = open. */
  from: string;
  to: string;
  lineId: string;
}

export interface HistoryState {
  items: CallHistoryItem[];
  filter: HistoryFilter;
  loading: boolean;
  error: string | null;
  setFilter(patch: Partial<HistoryFilter>): void;
  load(): Promise<void>;
  reset(): void;
}

/** Local calendar days → the epoch-ms range history:list takes. */
export function filterToQuery(f: HistoryFilter): { from?: number; to?: number; lineId?: string; limit: number } {
  const day = (s: string, endOfDay: boolean) => {
    const [y, m, d] = s.split('-').map(Number);
    if (!y || !m || !d) return undefined;
    return endOfDay ? new Date(y, m - 1, d + 1).getTime() - 1 : new Date(y, m - 1, d).getTime();
  };
  const q: { from?: number; to?: number; lineId?: string; limit: number } = { limit: 200 };
  const from = f.from ? day(f.from, false) : undefined;
  const to = f.to ? day(f.to, true) : undefined;
  if (from !== undefined) q.from = from;
  if (to !== undefined) q.to = to;
  if (f.lineId) q.lineId = f.lineId;
  return q;
}

const EMPTY: HistoryFilter = { from: '', to: '', lineId: '' };

export const useHistory = create<HistoryState>()((set, get) => ({
  items: [],
  filter: EMPTY,
  loading: false,
  error: null,
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
  async load() {
    set({ loading: true, error: null });
    try {
      const items = await request('history:list', filterToQuery(get().filter));
      set({ items, loading: false });
    } catch (err) {
      set({ loading: false, error: err instanceof Error ? err.message : String(err) });
    }
  },
  reset: () => set({ items: [], filter: EMPTY, loading: false, error: null }),
}));
