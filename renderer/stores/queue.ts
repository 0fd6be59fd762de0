import { create } from 'zustand';
import type { CoveredLine, QueueItem } from '../../signaling/protocol.js';
import { applyRing, applyRingStop, sortQueue } from '../logic/queue.js';

/** The live queue of the lines this specialist covers, kept in queue order. */
export interface QueueState {
  items: QueueItem[];
  lines: CoveredLine[];
  snapshot(items: QueueItem[], lines?: CoveredLine[]): void;
  ring(item: QueueItem): void;
  ringStop(callId: string, reason: Parameters<typeof applyRingStop>[2]): void;
  reset(): void;
}

export const useQueue = create<QueueState>()((set) => ({
  items: [],
  lines: [],
  snapshot: (items, lines) => set((s) => ({ items: sortQueue(items), lines: lines ?? s.lines })),
  ring: (item) => set((s) => ({ items: applyRing(s.items, item) })),
  ringStop: (callId, reason) => set((s) => ({ items: applyRingStop(s.items, callId, reason) })),
  reset: () => set({ items: [], lines: [] }),
}));

export const ringingItems = (s: Pick<QueueState, 'items'>): QueueItem[] => s.items.filter((i) => i.offeredToYou);
