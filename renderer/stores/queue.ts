import { create } from 'zustand';
import { applyRing, applyRingStop, sortQueue, type CoveredLine, type QueueItem, type RingStopReason } from '../../signaling/protocol.js';

/** The live queue of the lines this specialist covers, kept in queue order. */
export interface QueueState {
  items: QueueItem[];
  lines: CoveredLine[];
  snapshot(items: QueueItem[], lines?: CoveredLine[]): void;
  ring(item: QueueItem): void;
  ringStop(callId: string, reason: RingStopReason): void;
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
