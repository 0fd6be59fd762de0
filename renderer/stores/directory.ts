import { create } from 'zustand';
import type { DirectoryEntry } from '../../signaling/protocol.js';
import { request } from '../net/connection.js';

/** The lines this caller may call. */
export interface DirectoryState {
  entries: DirectoryEntry[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  reset(): void;
}

export const useDirectory = create<DirectoryState>()((set) => ({
  entries: [],
  loaded: false,
  error: null,
  async load() {
    try {
      const entries = await request('directory:list', {});
      set({ entries, loaded: true, error: null });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
  reset: () => set({ entries: [], loaded: false, error: null }),
}));

/** Search by specialty, line name or provider; words may come in any order. */
export function filterDirectory(entries: readonly DirectoryEntry[], query: string): DirectoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const hay = `${e.name} ${e.specialty} ${e.providerOrgName}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
