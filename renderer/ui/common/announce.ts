import { create } from 'zustand';

/** Text for the aria-live region; a counter makes a repeated message be read again. */
export const useAnnouncer = create<{ text: string; n: number }>()(() => ({ text: '', n: 0 }));

export function announce(text: string): void {
  useAnnouncer.setState((s) => ({ text, n: s.n + 1 }));
}
